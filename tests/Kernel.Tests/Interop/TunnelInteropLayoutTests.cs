using System.Runtime.InteropServices;

namespace PerfSuite.Kernel.Tests.Interop;

public sealed class TunnelInteropLayoutTests
{
    [Fact]
    public void Ifreq_for_tunsetiff_is_40_bytes_with_flags_after_the_name()
    {
        // linux/if.h, LP64: IFNAMSIZ 16, then the 24-byte union whose first member TUNSETIFF reads is short ifr_flags
        Assert.Equal(40, Marshal.SizeOf<Kernel.Interop.ifreq_flags>());
        Assert.Equal(16, (int)Marshal.OffsetOf<Kernel.Interop.ifreq_flags>(nameof(Kernel.Interop.ifreq_flags.ifr_flags)));
    }

    [Fact]
    public void Sockaddr_in_is_16_bytes_with_the_address_at_4()
    {
        Assert.Equal(16, Marshal.SizeOf<Kernel.Interop.sockaddr_in_v4>());
        Assert.Equal(2, (int)Marshal.OffsetOf<Kernel.Interop.sockaddr_in_v4>(nameof(Kernel.Interop.sockaddr_in_v4.sin_port)));
        Assert.Equal(4, (int)Marshal.OffsetOf<Kernel.Interop.sockaddr_in_v4>(nameof(Kernel.Interop.sockaddr_in_v4.sin_addr)));
    }

    [Fact]
    public void Tunsetiff_is_iow_T_202_int()
    {
        // _IOW(type, nr, size) = (1 << 30) | (size << 16) | (type << 8) | nr
        Assert.Equal((1 << 30) | (sizeof(int) << 16) | ('T' << 8) | 202, Kernel.Interop.TUNSETIFF);
    }
}
