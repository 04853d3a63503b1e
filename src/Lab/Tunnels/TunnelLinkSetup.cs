using PerfSuite.Kernel.Netlink;

namespace PerfSuite.Lab.Tunnels;

/// <summary>
/// Finishes a tunnel device PerfSuite did not create over rtnetlink itself (a TUN device, a wireguard-go interface):
/// its MTU, one address, and up, through the caller's <see cref="RtnetlinkClient"/> for that namespace (the lab
/// passes its own) or one opened for the call.
/// </summary>
internal static class TunnelLinkSetup
{
    /// <param name="netns">The namespace of the device (null: the caller's own); used when
    /// <paramref name="netlink"/> is null.</param>
    public static void Configure(string? netns, RtnetlinkClient? netlink, string ifName, int? mtu = null, InterfaceAddress? address = null)
    {
        using var opened = netlink is null ? RtnetlinkClient.Open(netns) : null;
        var client = netlink ?? opened!;
        client.SetLink(ifName, mtu: mtu, up: true);
        if (address is not null)
            client.AddAddress(ifName, address.Address, address.PrefixLength);
    }
}
