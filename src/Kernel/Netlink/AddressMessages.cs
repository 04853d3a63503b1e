using System.Net;
using System.Net.Sockets;

namespace PerfSuite.Kernel.Netlink;

/// <summary>Encodes RTM_NEWADDR / RTM_GETADDR as iproute2 6.1 does (<c>ip addr add A/N dev D</c>: IFA_LOCAL then
/// IFA_ADDRESS, both the address itself).</summary>
public static class AddressMessages
{
    public static NetlinkMessageWriter Add(int index, IPAddress address, int prefixLength) =>
        new NetlinkMessageWriter(Rtm.NewAddr, NetlinkFlags.Create | NetlinkFlags.Excl)
            .Header(new Interop.ifaddrmsg
            {
                ifa_family = Family(address),
                ifa_prefixlen = (byte)prefixLength,
                ifa_index = (uint)index,
            })
            .Address(Ifa.Local, address)
            .Address(Ifa.Address, address);

    public static NetlinkMessageWriter Dump(byte family = AddressFamilies.Unspecified) =>
        new NetlinkMessageWriter(Rtm.GetAddr).Header(new Interop.ifaddrmsg { ifa_family = family });

    public static byte Family(IPAddress address) =>
        address.AddressFamily == AddressFamily.InterNetworkV6 ? AddressFamilies.Inet6 : AddressFamilies.Inet;
}
