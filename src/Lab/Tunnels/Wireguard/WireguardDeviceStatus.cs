namespace PerfSuite.Lab.Tunnels.Wireguard;

/// <summary>An interface as the UAPI reports it. <see cref="PublicKey"/> is derived from the private key the
/// interface holds (the UAPI returns only that); null when it has none.</summary>
public sealed record WireguardDeviceStatus(string? PublicKey, int ListenPort, IReadOnlyList<WireguardPeerStatus> Peers);
