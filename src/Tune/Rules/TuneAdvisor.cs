using PerfSuite.Model.Json;
using PerfSuite.Tune.Facts;
using PerfSuite.Tune.Findings;

namespace PerfSuite.Tune.Rules;

/// <summary>Runs every rule over one namespace's facts: the findings, in catalogue order, and the assumptions
/// and topology behind them. Pure.</summary>
public static class TuneAdvisor
{
    public static TuneReport Evaluate(TuneFacts facts, TuneOptions options, IReadOnlyList<ITuneRule>? rules = null)
    {
        var context = new TuneContext(facts, options);
        var findings = (rules ?? RuleCatalog.All).SelectMany(r => r.Evaluate(context)).ToList();
        var topology = context.Topology;
        return new TuneReport(
            Schemas.Tune,
            facts.Probe.Hostname,
            facts.Probe.Kernel,
            facts.Probe.Netns,
            facts.Probe.TakenUtc,
            new TuneAssumptions(context.LinkSpeedBps, context.LinkSpeedEvidence, options.Rtt.TotalMilliseconds,
                context.BandwidthDelayProductBytes, facts.CpuCount, options.Path?.Name),
            new TuneTopologySummary(
                topology.Underlay?.Name,
                topology.UnderlayEvidence,
                topology.Flavour.ToString().ToLowerInvariant(),
                topology.Tunnels.Select(t => $"{t.Name} ({t.Datapath.Name}, mtu {t.Mtu}, over {t.UnderlayName})").ToList(),
                topology.PodDevices.Select(p => $"{p.Name} (mtu {p.Mtu}{(p.IsBridge ? ", bridge" : "")}{(p.ChangeableHere ? "" : ", other end in a pod namespace")})").ToList(),
                topology.ExpectedPodMtu,
                topology.ExpectedPodMtuEvidence),
            findings);
    }
}
