using PerfSuite.Model.Json;
using PerfSuite.Probe.Facts;
using PerfSuite.Tune.Findings;

namespace PerfSuite.Tune.Rules;

/// <summary>Runs every rule over one namespace's facts: the findings, in catalogue order, and the assumptions
/// and topology behind them. Pure.</summary>
public static class TuneAdvisor
{
    public static TuneReport Evaluate(NetworkFacts facts, TuneOptions options, IReadOnlyList<ITuneRule>? rules = null)
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
            findings,
            NotJudged: options.InterfaceFilter.Count == 0 ? null : NotJudgedHere(context));
    }

    /// <summary>With <c>--iface</c>, the interface-level rules judge the named interfaces whatever their role; the
    /// topology-level rules need devices this namespace may not have (route MTUs are judged against their own device
    /// and need none), and each such group is named with the reason (an empty list: every rule could be judged).</summary>
    private static List<NotJudged> NotJudgedHere(TuneContext context)
    {
        var topology = context.Topology;
        var notJudged = new List<NotJudged>();
        if (topology.Tunnels.Count == 0)
            notJudged.Add(new([TunnelMtuRule.TooLarge, TunnelMtuRule.TooSmall, TunnelSegmentationRule.Id, VxlanTxChecksumRule.Id, UdpGroForwardingRule.Id],
                "no tunnel device (VXLAN, IPIP, WireGuard) in this namespace"));
        if (topology.ExpectedPodMtu is null)
            notJudged.Add(new([PodMtuRule.TooLarge, PodMtuRule.TooSmall],
                topology.PodDevices.Count == 0
                    ? "no pod device (a pod-facing veth or bridge) in this namespace, and no pod MTU to expect: " + topology.ExpectedPodMtuEvidence
                    : "no pod MTU to expect: " + topology.ExpectedPodMtuEvidence));
        if (!context.ReportsSysctls)
            notJudged.Add(new(RuleCatalog.Catalogue.Select(r => r.Id).Where(id => id.StartsWith("sysctl.", StringComparison.Ordinal)).ToList(),
                "host-wide sysctls are not reported when --iface limits the findings to interfaces"));
        return notJudged;
    }
}
