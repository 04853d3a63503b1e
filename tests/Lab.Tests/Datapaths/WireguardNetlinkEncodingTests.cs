using System.Buffers.Binary;
using System.Net;
using PerfSuite.Kernel.Netlink;
using PerfSuite.Lab.Datapaths.Wireguard;
using PerfSuite.Lab.Tests.Support;
using PerfSuite.Lab.Tunnels.Wireguard;
using Tmds.Linux;

namespace PerfSuite.Lab.Tests.Datapaths;

/// <summary>
/// The kernel WireGuard configuration cannot be sent to a kernel here (no module), so its encoding is read back
/// against the UAPI header itself (a saved linux/wireguard.h): every attribute type, flag, command and version is
/// looked up there by name, and the endpoint against Tmds.Linux's struct sockaddr_in.
/// </summary>
public sealed class WireguardNetlinkEncodingTests
{
    private static readonly UapiHeader Header = UapiHeader.Load("linux-wireguard.h");

    [Fact]
    public void The_constants_are_the_headers()
    {
        foreach (var (name, value) in new (string, long)[]
        {
            ("WG_GENL_VERSION", WgGenl.Version), ("WG_KEY_LEN", WgGenl.KeyLength),
            ("WG_CMD_GET_DEVICE", WgGenl.CmdGetDevice), ("WG_CMD_SET_DEVICE", WgGenl.CmdSetDevice),
            ("WGDEVICE_F_REPLACE_PEERS", WgDevice.FlagReplacePeers), ("WGPEER_F_REMOVE_ME", WgPeer.FlagRemoveMe),
            ("WGPEER_F_REPLACE_ALLOWEDIPS", WgPeer.FlagReplaceAllowedIps), ("WGPEER_F_UPDATE_ONLY", WgPeer.FlagUpdateOnly),
            ("WGDEVICE_A_IFINDEX", WgDevice.IfIndex), ("WGDEVICE_A_IFNAME", WgDevice.IfName),
            ("WGDEVICE_A_PRIVATE_KEY", WgDevice.PrivateKey), ("WGDEVICE_A_PUBLIC_KEY", WgDevice.PublicKey),
            ("WGDEVICE_A_FLAGS", WgDevice.Flags), ("WGDEVICE_A_LISTEN_PORT", WgDevice.ListenPort),
            ("WGDEVICE_A_FWMARK", WgDevice.Fwmark), ("WGDEVICE_A_PEERS", WgDevice.Peers),
            ("WGPEER_A_PUBLIC_KEY", WgPeer.PublicKey), ("WGPEER_A_PRESHARED_KEY", WgPeer.PresharedKey),
            ("WGPEER_A_FLAGS", WgPeer.Flags), ("WGPEER_A_ENDPOINT", WgPeer.Endpoint),
            ("WGPEER_A_PERSISTENT_KEEPALIVE_INTERVAL", WgPeer.PersistentKeepaliveInterval),
            ("WGPEER_A_LAST_HANDSHAKE_TIME", WgPeer.LastHandshakeTime), ("WGPEER_A_RX_BYTES", WgPeer.RxBytes),
            ("WGPEER_A_TX_BYTES", WgPeer.TxBytes), ("WGPEER_A_ALLOWEDIPS", WgPeer.AllowedIps),
            ("WGPEER_A_PROTOCOL_VERSION", WgPeer.ProtocolVersion),
            ("WGALLOWEDIP_A_FAMILY", WgAllowedIp.Family), ("WGALLOWEDIP_A_IPADDR", WgAllowedIp.IpAddr),
            ("WGALLOWEDIP_A_CIDR_MASK", WgAllowedIp.CidrMask),
        })
            Assert.Equal((name, Header[name]), (name, value));
    }

    [Fact]
    public void Set_device_carries_key_port_flags_and_each_peer_as_the_header_lays_them_out()
    {
        // Given a device configuration like the lab's: one peer with an endpoint and two allowed networks
        var key = X25519KeyPair.FromPrivateKey(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
        var peerKey = X25519KeyPair.FromPrivateKey(Enumerable.Range(101, 32).Select(i => (byte)i).ToArray());
        var peer = new WireguardPeer(peerKey.PublicKeyBase64, new IPEndPoint(IPAddress.Parse("198.18.0.2"), 51820),
            [IPNetwork.Parse("10.42.2.0/24"), IPNetwork.Parse("198.19.0.2/32")], PersistentKeepaliveSeconds: 25);

        // When it is encoded for family id 0x1b and interface index 7
        var bytes = WireguardNetlinkMessages.SetDevice(0x1b, 7, key, 51820, [peer]).Complete(1, NetlinkFlags.Request | NetlinkFlags.Ack).ToArray();

        // Then the netlink header addresses the family, the genlmsghdr says set-device at the header's version
        Assert.Equal(bytes.Length, BinaryPrimitives.ReadInt32LittleEndian(bytes));
        Assert.Equal(0x1b, BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(4)));
        var genl = bytes.AsSpan(NetlinkMessageWriter.HeaderSize);
        Assert.Equal(Header["WG_CMD_SET_DEVICE"], genl[0]);
        Assert.Equal(Header["WG_GENL_VERSION"], genl[1]);
        Assert.Equal(0, BinaryPrimitives.ReadUInt16LittleEndian(genl[2..]));

        // And the attributes read back, by the header's names, to exactly this tree
        var tree = Describe(genl[GenericNetlinkMessages.HeaderSize..], "WGDEVICE_A_");
        Assert.Equal(
            $"WGDEVICE_A_IFINDEX=u32:7 WGDEVICE_A_PRIVATE_KEY={Convert.ToHexString(key.PrivateKey)} " +
            $"WGDEVICE_A_LISTEN_PORT=u16:51820 WGDEVICE_A_FLAGS=u32:{Header["WGDEVICE_F_REPLACE_PEERS"]} " +
            "WGDEVICE_A_PEERS=nested[" +
            $"#0=nested[WGPEER_A_PUBLIC_KEY={Convert.ToHexString(peerKey.PublicKey)} WGPEER_A_FLAGS=u32:{Header["WGPEER_F_REPLACE_ALLOWEDIPS"]} " +
            $"WGPEER_A_ENDPOINT={Convert.ToHexString(SockaddrIn(IPAddress.Parse("198.18.0.2"), 51820))} " +
            "WGPEER_A_PERSISTENT_KEEPALIVE_INTERVAL=u16:25 " +
            "WGPEER_A_ALLOWEDIPS=nested[" +
            "#0=nested[WGALLOWEDIP_A_FAMILY=u16:2 WGALLOWEDIP_A_IPADDR=0A2A0200 WGALLOWEDIP_A_CIDR_MASK=u8:24] " +
            "#1=nested[WGALLOWEDIP_A_FAMILY=u16:2 WGALLOWEDIP_A_IPADDR=C6130002 WGALLOWEDIP_A_CIDR_MASK=u8:32]]]]",
            tree);
    }

    [Fact]
    public void Endpoints_are_laid_out_as_struct_sockaddr_in_and_in6()
    {
        // IPv4: as Tmds.Linux's struct sockaddr_in is laid out, the port in network order
        Assert.Equal(Convert.ToHexString(SockaddrIn(IPAddress.Parse("198.18.0.2"), 51820)),
            Convert.ToHexString(WireguardNetlinkMessages.Sockaddr(new IPEndPoint(IPAddress.Parse("198.18.0.2"), 51820))));

        // IPv6: as struct sockaddr_in6 is laid out (28 bytes, flow info and scope id 0)
        Assert.Equal(Convert.ToHexString(SockaddrIn6(IPAddress.Parse("fd00::2"), 51820)),
            Convert.ToHexString(WireguardNetlinkMessages.Sockaddr(new IPEndPoint(IPAddress.Parse("fd00::2"), 51820))));
    }

    private static unsafe byte[] SockaddrIn(IPAddress address, ushort port)
    {
        var native = new sockaddr_in { sin_family = LibC.AF_INET, sin_port = BinaryPrimitives.ReverseEndianness(port) };
        address.GetAddressBytes().CopyTo(new Span<byte>(&native.sin_addr, sizeof(in_addr)));
        return new ReadOnlySpan<byte>(&native, sizeof(sockaddr_in)).ToArray();
    }

    private static unsafe byte[] SockaddrIn6(IPAddress address, ushort port)
    {
        var native = new sockaddr_in6 { sin6_family = LibC.AF_INET6, sin6_port = BinaryPrimitives.ReverseEndianness(port) };
        address.GetAddressBytes().CopyTo(new Span<byte>(&native.sin6_addr, sizeof(in6_addr)));
        return new ReadOnlySpan<byte>(&native, sizeof(sockaddr_in6)).ToArray();
    }

    /// <summary>The attribute tree as text: each attribute by its header name (array elements by index), payloads as
    /// u8/u16/u32 where the header's policy says so, nests (which must carry NLA_F_NESTED) recursively, the rest hex.</summary>
    private static string Describe(ReadOnlySpan<byte> attributes, string? prefix)
    {
        var parts = new List<string>();
        foreach (var attribute in new NetlinkAttributeReader(attributes))
        {
            var name = prefix is null ? $"#{attribute.Type}" : Header.NameOf(prefix, attribute.Type);
            var nested = (attribute.RawType & NetlinkMessageWriter.NestedFlag) != 0;
            string value = name switch
            {
                "WGDEVICE_A_PEERS" => Nest(attribute, null),
                "WGPEER_A_ALLOWEDIPS" => Nest(attribute, null),
                _ when prefix is null => Nest(attribute, IsPeerList(attribute) ? "WGPEER_A_" : "WGALLOWEDIP_A_"),
                "WGDEVICE_A_IFINDEX" or "WGDEVICE_A_FLAGS" or "WGPEER_A_FLAGS" => $"u32:{attribute.GetU32()}",
                "WGDEVICE_A_LISTEN_PORT" or "WGPEER_A_PERSISTENT_KEEPALIVE_INTERVAL" or "WGALLOWEDIP_A_FAMILY" => $"u16:{attribute.GetU16()}",
                "WGALLOWEDIP_A_CIDR_MASK" => $"u8:{attribute.GetU8()}",
                _ => Convert.ToHexString(attribute.Payload),
            };
            if (value.StartsWith("nested[", StringComparison.Ordinal))
                Assert.True(nested, $"{name} lacks NLA_F_NESTED");
            parts.Add($"{name}={value}");
        }
        return string.Join(' ', parts);
    }

    private static string Nest(NetlinkAttribute attribute, string? prefix) => $"nested[{Describe(attribute.Payload, prefix)}]";

    /// <summary>An element of the peers array holds a 32-byte public key first; one of the allowed-IPs array a family.</summary>
    private static bool IsPeerList(NetlinkAttribute element)
    {
        foreach (var inner in element.Nested())
            return inner.Payload.Length == 32;
        return false;
    }
}
