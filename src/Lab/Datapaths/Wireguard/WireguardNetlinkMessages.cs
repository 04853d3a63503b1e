using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using PerfSuite.Kernel.Netlink;
using PerfSuite.Lab.Tunnels.Wireguard;

namespace PerfSuite.Lab.Datapaths.Wireguard;

/// <summary>
/// Encodes WG_CMD_SET_DEVICE (linux/wireguard.h) as the <c>wg</c> tool does for <c>wg setconf</c>: the device by
/// index, its private key and listen port, WGDEVICE_F_REPLACE_PEERS, and each peer with its public key,
/// WGPEER_F_REPLACE_ALLOWEDIPS, endpoint (a struct sockaddr_in or sockaddr_in6) and allowed IPs. Peers and allowed
/// IPs are arrays: nests of nests whose own type is only an index (the kernel reads them with nla_for_each_nested).
/// Every nest carries NLA_F_NESTED, which strictly validating kernels require. The same configuration as
/// <see cref="WireguardUapiText.FormatSet"/> gives wireguard-go.
/// </summary>
public static class WireguardNetlinkMessages
{
    private const int SockaddrInLength = 16;
    private const int SockaddrIn6Length = 28;

    public static NetlinkMessageWriter SetDevice(ushort familyId, int ifindex, X25519KeyPair keyPair, int listenPort,
        IReadOnlyList<WireguardPeer> peers)
    {
        var writer = GenericNetlinkMessages.Command(familyId, WgGenl.CmdSetDevice, WgGenl.Version)
            .U32(WgDevice.IfIndex, checked((uint)ifindex))
            .Bytes(WgDevice.PrivateKey, keyPair.PrivateKey)
            .U16(WgDevice.ListenPort, checked((ushort)listenPort))
            .U32(WgDevice.Flags, WgDevice.FlagReplacePeers);
        var peersNest = writer.BeginNest(WgDevice.Peers);
        for (var i = 0; i < peers.Count; i++)
        {
            var peer = peers[i];
            var peerNest = writer.BeginNest(checked((ushort)i));
            writer.Bytes(WgPeer.PublicKey, X25519KeyPair.DecodeBase64Key(peer.PublicKey, "peer public key"));
            writer.U32(WgPeer.Flags, WgPeer.FlagReplaceAllowedIps);
            if (peer.Endpoint is { } endpoint)
                writer.Bytes(WgPeer.Endpoint, Sockaddr(endpoint));
            if (peer.PersistentKeepaliveSeconds is { } keepalive)
                writer.U16(WgPeer.PersistentKeepaliveInterval, checked((ushort)keepalive));
            var allowedNest = writer.BeginNest(WgPeer.AllowedIps);
            for (var j = 0; j < peer.AllowedIps.Count; j++)
            {
                var allowed = peer.AllowedIps[j];
                var ipNest = writer.BeginNest(checked((ushort)j));
                writer.U16(WgAllowedIp.Family, AddressMessages.Family(allowed.BaseAddress));
                writer.Address(WgAllowedIp.IpAddr, allowed.BaseAddress);
                writer.U8(WgAllowedIp.CidrMask, (byte)allowed.PrefixLength);
                writer.EndNest(ipNest);
            }
            writer.EndNest(allowedNest);
            writer.EndNest(peerNest);
        }
        writer.EndNest(peersNest);
        return writer;
    }

    /// <summary>struct sockaddr_in / sockaddr_in6 (linux/in.h, in6.h): the family in host order, the port in network
    /// order, then the address; flow info, scope id and the zero padding are 0.</summary>
    public static byte[] Sockaddr(IPEndPoint endpoint)
    {
        var v6 = endpoint.AddressFamily == AddressFamily.InterNetworkV6;
        var bytes = new byte[v6 ? SockaddrIn6Length : SockaddrInLength];
        BinaryPrimitives.WriteUInt16LittleEndian(bytes, AddressMessages.Family(endpoint.Address));
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(2), checked((ushort)endpoint.Port));
        endpoint.Address.TryWriteBytes(bytes.AsSpan(v6 ? 8 : 4), out _);
        return bytes;
    }
}
