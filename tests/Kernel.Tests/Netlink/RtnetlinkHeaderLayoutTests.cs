using System.Runtime.InteropServices;
using NativeInterop = PerfSuite.Kernel.Interop;

namespace PerfSuite.Kernel.Tests.Netlink;

/// <summary>Pins the family headers to the kernel's layouts (linux/rtnetlink.h, if_addr.h, neighbour.h).</summary>
public sealed class RtnetlinkHeaderLayoutTests
{
    [Fact]
    public void Ifinfomsg_is_16_bytes_with_index_at_4_and_flags_at_8()
    {
        Assert.Equal(16, Marshal.SizeOf<NativeInterop.ifinfomsg>());
        Assert.Equal(2, Offset<NativeInterop.ifinfomsg>(nameof(NativeInterop.ifinfomsg.ifi_type)));
        Assert.Equal(4, Offset<NativeInterop.ifinfomsg>(nameof(NativeInterop.ifinfomsg.ifi_index)));
        Assert.Equal(8, Offset<NativeInterop.ifinfomsg>(nameof(NativeInterop.ifinfomsg.ifi_flags)));
        Assert.Equal(12, Offset<NativeInterop.ifinfomsg>(nameof(NativeInterop.ifinfomsg.ifi_change)));
    }

    [Fact]
    public void Ifaddrmsg_is_8_bytes_with_index_at_4()
    {
        Assert.Equal(8, Marshal.SizeOf<NativeInterop.ifaddrmsg>());
        Assert.Equal(1, Offset<NativeInterop.ifaddrmsg>(nameof(NativeInterop.ifaddrmsg.ifa_prefixlen)));
        Assert.Equal(3, Offset<NativeInterop.ifaddrmsg>(nameof(NativeInterop.ifaddrmsg.ifa_scope)));
        Assert.Equal(4, Offset<NativeInterop.ifaddrmsg>(nameof(NativeInterop.ifaddrmsg.ifa_index)));
    }

    [Fact]
    public void Rtmsg_is_12_bytes_with_flags_at_8()
    {
        Assert.Equal(12, Marshal.SizeOf<NativeInterop.rtmsg>());
        Assert.Equal(4, Offset<NativeInterop.rtmsg>(nameof(NativeInterop.rtmsg.rtm_table)));
        Assert.Equal(7, Offset<NativeInterop.rtmsg>(nameof(NativeInterop.rtmsg.rtm_type)));
        Assert.Equal(8, Offset<NativeInterop.rtmsg>(nameof(NativeInterop.rtmsg.rtm_flags)));
    }

    [Fact]
    public void Ndmsg_is_12_bytes_with_state_at_8_and_flags_at_10()
    {
        Assert.Equal(12, Marshal.SizeOf<NativeInterop.ndmsg>());
        Assert.Equal(4, Offset<NativeInterop.ndmsg>(nameof(NativeInterop.ndmsg.ndm_ifindex)));
        Assert.Equal(8, Offset<NativeInterop.ndmsg>(nameof(NativeInterop.ndmsg.ndm_state)));
        Assert.Equal(10, Offset<NativeInterop.ndmsg>(nameof(NativeInterop.ndmsg.ndm_flags)));
        Assert.Equal(11, Offset<NativeInterop.ndmsg>(nameof(NativeInterop.ndmsg.ndm_type)));
    }

    private static int Offset<T>(string field) => (int)Marshal.OffsetOf<T>(field);
}
