using PerfSuite.Probe.Topology;
using PerfSuite.Tune.Changes;
using PerfSuite.Tune.Findings;

namespace PerfSuite.Tune.Rules;

/// <summary>The MTU of the devices pods use against the pod MTU the datapath implies (underlay minus overhead, or
/// the underlay itself for native routing and for Cilium, which lowers routes instead). Larger: pods send packets
/// the tunnel cannot carry, and large transfers depend on ICMP "fragmentation needed" getting back (a black hole
/// where it does not). Smaller: lost goodput, the costliest misconfiguration on jumbo fabrics.</summary>
public sealed class PodMtuRule : ITuneRule
{
    public const string TooLarge = "mtu.pod-too-large";
    public const string TooSmall = "mtu.pod-too-small";

    public IReadOnlyList<RuleDescription> Describes { get; } =
    [
        new(TooLarge, "pod device MTU larger than the datapath carries", $"{Sources.Rfc1191}; {Sources.CalicoMtu}"),
        new(TooSmall, "pod device MTU smaller than the datapath allows", $"{Sources.InfraBuilderMtu}; {Sources.CalicoMtu}"),
    ];

    public IEnumerable<Finding> Evaluate(TuneContext context)
    {
        var topology = context.Topology;
        var datapathSource = TunnelMtuRule.SourceFor(
            topology.Tunnels.Count > 0 ? topology.Tunnels[0].Datapath : Model.Datapaths.Datapath.Native, topology.Flavour);
        foreach (var mistake in MtuAudit.Pods(context.Facts, topology))
        {
            var pod = mistake.Pod!;
            if (!context.Reports(pod.Name))
                continue;
            var (tooLarge, proposed) = (mistake.TooLarge, mistake.Proposed);
            var effect = tooLarge
                ? "large pod packets fit the datapath: no fragmentation, no dependence on ICMP"
                : $"payload per packet rises from {pod.Mtu} to {proposed} bytes: higher goodput ceiling and less CPU per Gbit";
            var note = pod.ChangeableHere
                ? null
                : pod.IsBridge
                    ? "advice only: the bridge's pod ports have their other end in pod namespaces, whose MTU the CNI sets at pod creation; change the CNI's MTU and recreate the pods"
                    : "advice only: the other end of this veth is the pod's eth0 in another namespace; changing one end alone leaves the link with two MTUs. Change the CNI's MTU and recreate the pod";
            yield return new Finding(
                $"{(tooLarge ? TooLarge : TooSmall)}@{pod.Name}",
                tooLarge ? TooLarge : TooSmall,
                FindingSubject.Interface(pod.Name),
                $"mtu {pod.Mtu}",
                $"mtu {proposed}",
                mistake.Why,
                $"{(tooLarge ? Sources.Rfc1191 : Sources.InfraBuilderMtu)}; {datapathSource}",
                effect,
                $"Connections already open keep their negotiated segment size until they reconnect. {CniPersistence.MtuKnob(topology.Flavour)}.",
                RiskLevel.Low,
                pod.ChangeableHere ? FindingAction.Apply : FindingAction.Advise,
                [new MtuSetting(pod.Name, proposed)],
                note);
        }
    }
}
