using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;
using PerfSuite.Model.Probe;

namespace PerfSuite.Kernel.Netlink;

/// <summary>Decodes RTM_NEWLINK payloads (struct ifinfomsg, then IFLA_* attributes).</summary>
public static class LinkMessageDecoder
{
    /// <summary>sizeof(struct ifinfomsg): a shorter payload is no link message.</summary>
    public static readonly int IfInfoMsgSize = Marshal.SizeOf<Interop.ifinfomsg>();

    public static LinkRecord Decode(ReadOnlySpan<byte> payload)
    {
        var header = MemoryMarshal.Read<Interop.ifinfomsg>(payload);
        var index = header.ifi_index;
        var flags = header.ifi_flags;
        string name = "", operState = "UNKNOWN";
        string? kind = null, slaveKind = null, mac = null, qdisc = null;
        int mtu = 0, tx = 1, rx = 1;
        int? minMtu = null, maxMtu = null, master = null, link = null, netnsId = null;
        TunnelInfo? tunnel = null;
        LinkCounters? counters = null;
        foreach (var attribute in new NetlinkAttributeReader(payload[IfInfoMsgSize..]))
        {
            switch (attribute.Type)
            {
                case Ifla.IfName: name = attribute.GetString(); break;
                case Ifla.Mtu: mtu = attribute.GetS32(); break;
                case Ifla.MinMtu: minMtu = attribute.GetS32(); break;
                case Ifla.MaxMtu: maxMtu = attribute.GetS32(); break;
                case Ifla.OperState: operState = OperStates.Name(attribute.GetU8()); break;
                case Ifla.Master: master = attribute.GetS32(); break;
                case Ifla.Link: link = attribute.GetS32(); break;
                case Ifla.LinkNetNsId: netnsId = attribute.GetS32(); break;
                case Ifla.NumTxQueues: tx = attribute.GetS32(); break;
                case Ifla.NumRxQueues: rx = attribute.GetS32(); break;
                case Ifla.Address: mac = FormatMac(attribute.Payload); break;
                case Ifla.Qdisc: qdisc = attribute.GetString(); break;
                case Ifla.Stats64 when attribute.Payload.Length >= 16:
                    counters = new LinkCounters(attribute.GetU64(), BinaryPrimitives.ReadUInt64LittleEndian(attribute.Payload[8..]));
                    break;
                case Ifla.LinkInfo:
                    DecodeLinkInfo(attribute.Nested(), out kind, out slaveKind, out tunnel);
                    break;
            }
        }
        return new LinkRecord(index, name, kind, slaveKind, flags, mtu, minMtu, maxMtu, operState, master, link, netnsId,
            tx, rx, mac, tunnel, counters, qdisc);
    }

    private static void DecodeLinkInfo(NetlinkAttributeReader info, out string? kind, out string? slaveKind, out TunnelInfo? tunnel)
    {
        kind = null;
        slaveKind = null;
        tunnel = null;
        ReadOnlySpan<byte> data = default;
        foreach (var attribute in info)
        {
            switch (attribute.Type)
            {
                case IflaInfo.Kind: kind = attribute.GetString(); break;
                case IflaInfo.SlaveKind: slaveKind = attribute.GetString(); break;
                case IflaInfo.Data: data = attribute.Payload; break;
            }
        }
        tunnel = kind switch
        {
            "vxlan" => DecodeVxlan(data),
            "geneve" => DecodeGeneve(data),
            "ipip" or "sit" => DecodeIpTunnel(kind, data),
            "wireguard" => new TunnelInfo("wireguard", null, null, null, null, null, null),
            _ => null,
        };
    }

    private static TunnelInfo DecodeVxlan(ReadOnlySpan<byte> data)
    {
        uint? vni = null;
        int? port = null, underlay = null;
        string? local = null, remote = null;
        bool? learning = null;
        foreach (var attribute in new NetlinkAttributeReader(data))
        {
            switch (attribute.Type)
            {
                case IflaVxlan.Id: vni = attribute.GetU32(); break;
                case IflaVxlan.Port: port = attribute.GetU16BigEndian(); break;
                case IflaVxlan.Local or IflaVxlan.Local6: local = attribute.GetAddress().ToString(); break;
                case IflaVxlan.Group or IflaVxlan.Group6: remote = ZeroToNull(attribute.GetAddress()); break;
                case IflaVxlan.Link: underlay = attribute.GetS32(); break;
                case IflaVxlan.Learning: learning = attribute.GetU8() != 0; break;
            }
        }
        return new TunnelInfo("vxlan", vni, port, local, remote, underlay?.ToString(CultureInfo.InvariantCulture), learning);
    }

    /// <summary>A geneve device has no local address or lower device; its remote (absent in Cilium's external mode)
    /// says the outer address family.</summary>
    private static TunnelInfo DecodeGeneve(ReadOnlySpan<byte> data)
    {
        uint? vni = null;
        int? port = null;
        string? remote = null;
        foreach (var attribute in new NetlinkAttributeReader(data))
        {
            switch (attribute.Type)
            {
                case IflaGeneve.Id: vni = attribute.GetU32(); break;
                case IflaGeneve.Port: port = attribute.GetU16BigEndian(); break;
                case IflaGeneve.Remote or IflaGeneve.Remote6: remote = ZeroToNull(attribute.GetAddress()); break;
            }
        }
        return new TunnelInfo("geneve", vni, port, null, remote, null, null);
    }

    private static TunnelInfo DecodeIpTunnel(string kind, ReadOnlySpan<byte> data)
    {
        string? local = null, remote = null, underlay = null;
        foreach (var attribute in new NetlinkAttributeReader(data))
        {
            switch (attribute.Type)
            {
                case IflaIpTunnel.Local: local = ZeroToNull(attribute.GetAddress()); break;
                case IflaIpTunnel.Remote: remote = ZeroToNull(attribute.GetAddress()); break;
                case IflaIpTunnel.Link: underlay = attribute.GetU32() is var l && l != 0 ? l.ToString(CultureInfo.InvariantCulture) : null; break;
            }
        }
        return new TunnelInfo(kind, null, null, local, remote, underlay, null);
    }

    private static string? ZeroToNull(IPAddress address) =>
        address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) ? null : address.ToString();

    private static string? FormatMac(ReadOnlySpan<byte> bytes) =>
        bytes.Length == 0 ? null : string.Join(':', bytes.ToArray().Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));
}
