using System.Net;

namespace PerfSuite.Lab.Tunnels.Wireguard;

/// <summary>A peer as the running interface reports it (UAPI <c>get=1</c>): the latest handshake (null before the
/// first) and the bytes received from and sent to it.</summary>
public sealed record WireguardPeerStatus(
    string PublicKey,
    IPEndPoint? Endpoint,
    IReadOnlyList<IPNetwork> AllowedIps,
    DateTimeOffset? LatestHandshake,
    long RxBytes,
    long TxBytes,
    int PersistentKeepaliveSeconds);
