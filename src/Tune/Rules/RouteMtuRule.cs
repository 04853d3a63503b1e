using PerfSuite.Model.Datapaths;
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
        var topology = context.Topology;
        foreach (var route in context.Facts.Routes)
        {
            if (route.Mtu is not { } mtu || route.Device is null || context.Facts.Interface(route.Device) is not { } device)
                continue;
            if (!context.Reports(route.Device))
                continue;
            int? low = null, high = device.Mtu;
            string basis = $"{device.Name} carries {device.Mtu}";
            var tunnel = topology.Tunnels.FirstOrDefault(t => t.Name == route.Device);
            if (tunnel is not null)
            {
                (low, high) = (tunnel.ExpectedMin, Math.Min(device.Mtu, tunnel.ExpectedMax));
                basis = $"{tunnel.Name} fits {tunnel.ExpectedMin}{(tunnel.ExpectedMin == tunnel.ExpectedMax ? "" : $"–{tunnel.ExpectedMax}")} over {tunnel.UnderlayName} ({tunnel.UnderlayMtu})";
            }
            else if (topology.Flavour == CniFlavour.Cilium && topology.Tunnels.Count > 0)
            {
                var smallest = topology.Tunnels.MinBy(t => t.Proposed)!;
                (low, high) = (smallest.ExpectedMin, Math.Min(device.Mtu, smallest.ExpectedMax));
                basis = $"Cilium carries pod traffic through {smallest.Name}, which fits {smallest.ExpectedMin}{(smallest.ExpectedMin == smallest.ExpectedMax ? "" : $"–{smallest.ExpectedMax}")}";
            }
            var tooLarge = mtu > high;
            var tooSmall = low is { } l && mtu < l;
            if (!tooLarge && !tooSmall)
                continue;
            var proposed = tooLarge ? (low is { } lo && lo <= high ? lo : high!.Value) : low!.Value;
            var subject = FindingSubject.Route(route.Destination, route.Device);
            var rule = tooLarge ? TooLarge : TooSmall;
            yield return new Finding(
                $"{rule}@{route.Destination} dev {route.Device}",
                rule,
                subject,
                $"mtu {mtu}",
                $"mtu {proposed}",
                tooLarge
                    ? $"the route to {route.Destination} allows {mtu}-byte packets but {basis}: packets between {high + 1} and {mtu} bytes are dropped."
                    : $"the route to {route.Destination} limits packets to {mtu} bytes but {basis}: {proposed - mtu} bytes of payload per packet are given up.",
                tooLarge ? $"{Sources.CiliumMtu}; {Sources.Rfc1191}" : $"{Sources.CiliumMtu}; {Sources.CalicoMtu}",
                tooLarge ? "large packets on this route stop being dropped" : $"packets on this route carry up to {proposed} bytes",
                $"The CNI that programmed this route will set it again. {CniPersistence.MtuKnob(topology.Flavour)}.",
                RiskLevel.Low,
                FindingAction.Advise,
                [new RouteMtuSetting(route.Destination, route.Gateway, route.Device, proposed)],
                "advice only: routes with an MTU belong to the CNI, which rewrites them");
        }
    }
}
