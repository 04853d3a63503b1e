using PerfSuite.Lab.Tunnels;
using PerfSuite.Lab.Tunnels.Wireguard;

namespace PerfSuite.Lab.Datapaths.Wireguard;

/// <summary>One node's WireGuard device as a path wants it: a host-unique name, its key pair and listen port, exactly
/// these peers, its MTU and its address.</summary>
public sealed record WireguardDeviceSpec(
    string Name,
    X25519KeyPair KeyPair,
    int ListenPort,
    IReadOnlyList<WireguardPeer> Peers,
    int Mtu,
    InterfaceAddress Address);
