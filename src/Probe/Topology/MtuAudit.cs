using PerfSuite.Model.Datapaths;
using PerfSuite.Model.Probe;
using PerfSuite.Probe.Facts;

namespace PerfSuite.Probe.Topology;

/// <summary>What is wrong with an MTU: a tunnel device, a pod device or a route's MTU metric larger or smaller than
/// the pod network it belongs to carries.</summary>
public enum MtuMistakeKind
{
    TunnelTooLarge,
    TunnelTooSmall,
    PodTooLarge,
    PodTooSmall,
    RouteTooLarge,
    RouteTooSmall,
}

/// <summary>One MTU that does not fit its pod network: the device (and, for a route metric, the route), the MTU it
/// has, the one that fits (within what the device accepts), and why. <see cref="Tunnel"/>, <see cref="Pod"/> or
/// <see cref="Route"/> is the thing judged.</summary>
public sealed record MtuMistake(
    MtuMistakeKind Kind,
    string Device,
    int Mtu,
    int Proposed,
    string Why,
    TunnelDevice? Tunnel = null,
    PodDevice? Pod = null,
    RouteFacts? Route = null)
{
    public bool TooLarge => Kind is MtuMistakeKind.TunnelTooLarge or MtuMistakeKind.PodTooLarge or MtuMistakeKind.RouteTooLarge;

    /// <summary>The id of the tune rule that proposes the fix, e.g. <c>mtu.tunnel-too-large</c>.</summary>
    public string Rule => Kind switch
    {
        MtuMistakeKind.TunnelTooLarge => "mtu.tunnel-too-large",
        MtuMistakeKind.TunnelTooSmall => "mtu.tunnel-too-small",
        MtuMistakeKind.PodTooLarge => "mtu.pod-too-large",
        MtuMistakeKind.PodTooSmall => "mtu.pod-too-small",
        MtuMistakeKind.RouteTooLarge => "mtu.route-too-large",
        _ => "mtu.route-too-small",
    };
}

/// <summary>
/// The MTU audit of one namespace: every tunnel device against what its underlay carries after encapsulation, every
/// pod device against the pod MTU the datapath implies, every route MTU metric against its device or tunnel. Pure:
/// <c>perfsuite probe --audit</c> lists the mistakes, and tune's MTU rules turn each into a finding.
/// </summary>
public static class MtuAudit
{
    public static IReadOnlyList<MtuMistake> All(NetworkFacts facts, DatapathTopology topology) =>
        [.. Tunnels(facts, topology), .. Pods(facts, topology), .. Routes(facts, topology)];

    /// <summary>The audit of the namespace <paramref name="facts"/> were read in, as <c>perfsuite probe --audit</c>
    /// reports it: the topology and every mistake (only those on <paramref name="interfaces"/> when any are named).</summary>
    public static NetworkAudit Report(NetworkFacts facts, IReadOnlyList<string> interfaces)
    {
        var topology = DatapathTopology.Detect(facts);
        return new NetworkAudit(
            topology.Underlay?.Name,
            topology.UnderlayEvidence,
            topology.Flavour.ToString().ToLowerInvariant(),
            topology.Tunnels.Select(t => new AuditedTunnel(t.Name, t.Datapath.Name, t.Flavour.ToString().ToLowerInvariant(), t.Mtu,
                t.UnderlayName, t.UnderlayMtu, t.ExpectedMin, t.ExpectedMax)).ToList(),
            topology.ExpectedPodMtu,
            topology.ExpectedPodMtuEvidence,
            All(facts, topology)
                .Where(m => interfaces.Count == 0 || interfaces.Contains(m.Device, StringComparer.Ordinal))
                .Select(m => new AuditedMtu(m.Rule, m.Device, m.Route?.Destination, m.Mtu, m.Proposed, m.Why))
                .ToList());
    }

    /// <summary>Tunnel devices whose MTU lies outside the range their underlay allows. Cilium leaves its tunnel
    /// devices at the device MTU and limits pod traffic with route MTUs, which <see cref="Routes"/> judges.</summary>
    public static IEnumerable<MtuMistake> Tunnels(NetworkFacts facts, DatapathTopology topology)
    {
        foreach (var tunnel in topology.Tunnels)
        {
            if (tunnel.Flavour == CniFlavour.Cilium || (tunnel.Mtu >= tunnel.ExpectedMin && tunnel.Mtu <= tunnel.ExpectedMax))
                continue;
            var tooLarge = tunnel.Mtu > tunnel.ExpectedMax;
            var range = tunnel.ExpectedMin == tunnel.ExpectedMax
                ? $"{tunnel.ExpectedMax}"
                : $"{tunnel.ExpectedMin}–{tunnel.ExpectedMax}";
            var why = tooLarge
                ? $"{tunnel.Name} ({tunnel.Datapath.Name}) has MTU {tunnel.Mtu}, but {tunnel.UnderlayName} carries {tunnel.UnderlayMtu} and the encapsulation adds {tunnel.OverheadText}: packets up to {tunnel.Mtu} become {tunnel.Mtu + (tunnel.UnderlayMtu - tunnel.ExpectedMax)}-byte outer packets, which the underlay must fragment or drop. The MTU that fits is {range}."
                : $"{tunnel.Name} ({tunnel.Datapath.Name}) has MTU {tunnel.Mtu}, but {tunnel.UnderlayName} carries {tunnel.UnderlayMtu} and the encapsulation adds {tunnel.OverheadText}: the tunnel could carry {range}. Every packet gives up {tunnel.ExpectedMin - tunnel.Mtu} bytes of payload it could have had.";
            yield return new MtuMistake(tooLarge ? MtuMistakeKind.TunnelTooLarge : MtuMistakeKind.TunnelTooSmall,
                tunnel.Name, tunnel.Mtu, Clamp(facts, tunnel.Name, tunnel.Proposed), why, Tunnel: tunnel);
        }
    }

    /// <summary>Pod devices whose MTU is not the pod MTU the datapath implies.</summary>
    public static IEnumerable<MtuMistake> Pods(NetworkFacts facts, DatapathTopology topology)
    {
        if (topology.ExpectedPodMtu is not { } expected)
            yield break;
        foreach (var pod in topology.PodDevices)
        {
            if (pod.Mtu == expected)
                continue;
            var tooLarge = pod.Mtu > expected;
            var what = pod.IsBridge ? "the pod bridge" : "a pod device";
            var why = tooLarge
                ? $"{pod.Name}, {what}, has MTU {pod.Mtu} but {topology.ExpectedPodMtuEvidence}. Packets between {expected + 1} and {pod.Mtu} bytes cannot cross: they need ICMP \"fragmentation needed\" to come back and path MTU discovery to shrink them, and are lost where it does not."
                : $"{pod.Name}, {what}, has MTU {pod.Mtu} but {topology.ExpectedPodMtuEvidence}. Pods send {expected - pod.Mtu} bytes less per packet than the datapath carries.";
            yield return new MtuMistake(tooLarge ? MtuMistakeKind.PodTooLarge : MtuMistakeKind.PodTooSmall,
                pod.Name, pod.Mtu, Clamp(facts, pod.Name, expected), why, Pod: pod);
        }
    }

    /// <summary>Route MTU metrics above their device's MTU, or outside what the tunnel they enter fits (with Cilium,
    /// every route when there is a tunnel: the route carries the pod MTU).</summary>
    public static IEnumerable<MtuMistake> Routes(NetworkFacts facts, DatapathTopology topology)
    {
        foreach (var route in facts.Routes)
        {
            if (route.Mtu is not { } mtu || route.Device is null || facts.Interface(route.Device) is not { } device)
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
            var why = tooLarge
                ? $"the route to {route.Destination} allows {mtu}-byte packets but {basis}: packets between {high + 1} and {mtu} bytes are dropped."
                : $"the route to {route.Destination} limits packets to {mtu} bytes but {basis}: {proposed - mtu} bytes of payload per packet are given up.";
            yield return new MtuMistake(tooLarge ? MtuMistakeKind.RouteTooLarge : MtuMistakeKind.RouteTooSmall,
                route.Device, mtu, proposed, why, Route: route);
        }
    }

    /// <summary><paramref name="mtu"/> within the MTU range the driver of <paramref name="device"/> accepts.</summary>
    public static int Clamp(NetworkFacts facts, string device, int mtu)
    {
        var link = facts.Link(device);
        if (link?.MaxMtu is { } max and > 0 && mtu > max)
            return max;
        if (link?.MinMtu is { } min && mtu < min)
            return min;
        return mtu;
    }
}
