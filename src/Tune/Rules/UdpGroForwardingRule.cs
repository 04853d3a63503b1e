using PerfSuite.Tune.Findings;

namespace PerfSuite.Tune.Rules;

/// <summary>rx-udp-gro-forwarding off on the underlay of a node that forwards (ip_forward = 1) and carries
/// UDP-encapsulated pod traffic (VXLAN, Geneve, WireGuard). UDP is aggregated by GRO only when a local socket asks for it
/// (the VXLAN and WireGuard sockets do); tunnelled UDP this node forwards rather than terminates — to a pod or VM
/// that runs its own tunnel, or through a gateway node — is aggregated only with this feature.</summary>
public sealed class UdpGroForwardingRule : ITuneRule
{
    public const string Id = "offload.udp-gro-forwarding-off";

    private const string Feature = "rx-udp-gro-forwarding";

    public IReadOnlyList<RuleDescription> Describes { get; } =
        [new(Id, "UDP GRO for forwarded packets off on a forwarding node with UDP tunnels", Sources.KernelUdpGroForwarding)];

    public IEnumerable<Finding> Evaluate(TuneContext context)
    {
        var forwarding = context.Facts.Sysctl("net.ipv4.ip_forward")?.AsNumber == 1;
        var udpTunnels = context.Topology.Tunnels
            .Where(t => t.Datapath.Wire.IsUdp)
            .Select(t => t.Name)
            .ToList();
        if (!forwarding || udpTunnels.Count == 0 || context.Topology.Underlay is not { } underlay)
            yield break;
        if (!context.Reports(underlay.Name) || !underlay.IsChangeableAndOff(Feature))
            yield break;
        yield return FeaturesOffFinding.Create(Id, underlay, [Feature],
            $"This namespace forwards (net.ipv4.ip_forward = 1) and carries UDP-encapsulated traffic ({string.Join(", ", udpTunnels)}). GRO aggregates UDP only for local sockets that ask for it; encapsulated UDP that is forwarded through {underlay.Name} rather than terminated here goes through one packet at a time unless rx-udp-gro-forwarding is on (off by default).",
            Sources.KernelUdpGroForwarding,
            "forwarded UDP flows (tunnels terminated beyond this node) are aggregated: fewer packets through forwarding and netfilter; no change for tunnels terminated here",
            "Aggregated UDP is segmented again on output (UDP GSO), so receivers see the original datagrams; needs Linux 5.12 or later.",
            RiskLevel.Low);
    }
}
