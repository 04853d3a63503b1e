namespace PerfSuite.Lab.Fleet;

/// <summary>
/// What one host's half of a path is, as the other hosts need to know it: its number, its node's address on the NIC's
/// wire, its pod, and what a peer must be configured with (the VXLAN device's MAC, the WireGuard public key). Plain
/// strings, because it travels through the runner between agents. <see cref="Status"/> is <c>ready</c> or
/// <c>skipped</c> (with <see cref="Reason"/>): a host that cannot build a path says why, and no cell of it is measured.
/// </summary>
public sealed record FleetNodeFacts
{
    public const string Ready = "ready";
    public const string Skipped = "skipped";

    public required int Host { get; init; }
    public required string Path { get; init; }
    public required string Status { get; init; }
    public string? Reason { get; init; }
    /// <summary><c>kernel</c> or <c>userspace</c>, as result cells name it.</summary>
    public string? Impl { get; init; }
    public string? UnderlayAddress { get; init; }
    public string? PodNamespace { get; init; }
    public string? PodAddress { get; init; }
    public int PodMtu { get; init; }
    /// <summary>The MAC of the host's <c>flannel.1</c> (vxlan, vxlan+wireguard), for its peers' neighbour and FDB entries.</summary>
    public string? TunnelMac { get; init; }
    /// <summary>The host's WireGuard public key (wireguard, vxlan+wireguard); the private key never leaves the host.</summary>
    public string? PublicKey { get; init; }

    public bool IsReady => Status == Ready;
}
