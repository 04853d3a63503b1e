using System.Net;

namespace PerfSuite.Lab.Tunnels.Wireguard;

/// <summary>A peer as a WireGuard interface is told about it: its public key (base64, as <c>wg</c> shows it),
/// where to reach it, which inner addresses it may send from and be sent to, and an optional keepalive.</summary>
public sealed record WireguardPeer(
    string PublicKey,
    IPEndPoint? Endpoint,
    IReadOnlyList<IPNetwork> AllowedIps,
    int? PersistentKeepaliveSeconds = null);
