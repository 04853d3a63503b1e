using System.Runtime.InteropServices;
using static PerfSuite.Kernel.Interop;

namespace PerfSuite.Kernel.Tests.Interop;

/// <summary>genlmsghdr (linux/genetlink.h), the header after nlmsghdr in every generic netlink message.</summary>
public sealed class GenericNetlinkHeaderLayoutTests
{
    [Fact]
    public void Genlmsghdr_is_4_bytes_command_then_version()
    {
        Assert.Equal(4, Marshal.SizeOf<genlmsghdr>());
        Assert.Equal(1, (int)Marshal.OffsetOf<genlmsghdr>(nameof(genlmsghdr.version)));
        Assert.Equal(2, (int)Marshal.OffsetOf<genlmsghdr>(nameof(genlmsghdr.reserved)));
    }
}
