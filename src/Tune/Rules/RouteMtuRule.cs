using PerfSuite.Probe.Topology;
using PerfSuite.Tune.Changes;
using PerfSuite.Tune.Findings;

namespace PerfSuite.Tune.Rules;

/// <summary>Route MTU metrics: a route MTU above its device's MTU hands the device packets it drops; a route into
/// a tunnel (or, with Cilium, any pod route, where the route carries the pod MTU) must fit the tunnel. Advice only:
/// these routes belong to the CNI.</summary>
public sealed class RouteMtuRule : ITuneRule
{
    public const string TooLarge = "mtu.route-too-large";
    public const string TooSmall = "mtu.route-too-small";

    public IReadOnlyList<RuleDescription> Describes { get; } =
    [
        new(TooLarge, "route MTU larger than its device or tunnel carries", $"{Sources.CiliumMtu}; {Sources.Rfc1191}"),
        new(TooSmall, "route MTU smaller than its tunnel allows", $"{Sources.CiliumMtu}; {Sources.CalicoMtu}"),
    ];

    public IEnumerable<Finding> Evaluate(TuneContext context)
    {
        foreach (var mistake in MtuAudit.Routes(context.Facts, context.Topology))
        {
            var route = mistake.Route!;
            if (!context.Reports(mistake.Device))
                continue;
            var (tooLarge, mtu, proposed) = (mistake.TooLarge, mistake.Mtu, mistake.Proposed);
            var subject = FindingSubject.Route(route.Destination, route.Device);
            var rule = tooLarge ? TooLarge : TooSmall;
            yield return new Finding(
                $"{rule}@{route.Destination} dev {route.Device}",
                rule,
                subject,
                $"mtu {mtu}",
                $"mtu {proposed}",
                mistake.Why,
                tooLarge ? $"{Sources.CiliumMtu}; {Sources.Rfc1191}" : $"{Sources.CiliumMtu}; {Sources.CalicoMtu}",
                tooLarge ? "large packets on this route stop being dropped" : $"packets on this route carry up to {proposed} bytes",
                $"The CNI that programmed this route will set it again. {CniPersistence.MtuKnob(context.Topology.Flavour)}.",
                RiskLevel.Low,
                FindingAction.Advise,
                [new RouteMtuSetting(route.Destination, route.Gateway, route.Device, proposed)],
                "advice only: routes with an MTU belong to the CNI, which rewrites them");
        }
    }
}
