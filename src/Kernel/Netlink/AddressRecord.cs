using System.Net;
using System.Runtime.InteropServices;

namespace PerfSuite.Kernel.Netlink;

/// <summary>One address as an RTM_NEWADDR message describes it.</summary>
public sealed record AddressRecord(int Index, IPAddress Address, int PrefixLength, byte Scope, string? Label)
{
    public IPNetwork Network => new IPNetwork(Address, PrefixLength);

    public override string ToString() => $"{Address}/{PrefixLength}";

    public static AddressRecord? Decode(ReadOnlySpan<byte> payload)
    {
        var headerSize = Marshal.SizeOf<Interop.ifaddrmsg>();
        if (payload.Length < headerSize)
            return null;
        var header = MemoryMarshal.Read<Interop.ifaddrmsg>(payload);
        IPAddress? local = null, address = null;
        string? label = null;
        foreach (var attribute in new NetlinkAttributeReader(payload[headerSize..]))
        {
            switch (attribute.Type)
            {
                case Ifa.Local: local = attribute.GetAddress(); break;
                case Ifa.Address: address = attribute.GetAddress(); break;
                case Ifa.Label: label = attribute.GetString(); break;
            }
        }
        // On point-to-point links IFA_ADDRESS is the peer; IFA_LOCAL is always the address itself when present.
        var own = local ?? address;
        return own is null ? null : new AddressRecord((int)header.ifa_index, own, header.ifa_prefixlen, header.ifa_scope, label);
    }
}
