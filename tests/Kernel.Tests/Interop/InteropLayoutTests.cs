using System.Runtime.InteropServices;

namespace PerfSuite.Kernel.Tests.Interop;

public sealed class InteropLayoutTests
{
    [Fact]
    public void Tcp_info_matches_linux_tcp_h()
    {
        // Offsets as printed by offsetof() against /usr/include/linux/tcp.h (Linux 6.x, x86-64)
        Assert.Equal(232, Marshal.SizeOf<Kernel.Interop.tcp_info>());
        Assert.Equal(8, Offset("tcpi_rto"));
        Assert.Equal(16, Offset("tcpi_snd_mss"));
        Assert.Equal(60, Offset("tcpi_pmtu"));
        Assert.Equal(68, Offset("tcpi_rtt"));
        Assert.Equal(72, Offset("tcpi_rttvar"));
        Assert.Equal(80, Offset("tcpi_snd_cwnd"));
        Assert.Equal(100, Offset("tcpi_total_retrans"));
        Assert.Equal(104, Offset("tcpi_pacing_rate"));
        Assert.Equal(120, Offset("tcpi_bytes_acked"));
        Assert.Equal(136, Offset("tcpi_segs_out"));
        Assert.Equal(148, Offset("tcpi_min_rtt"));
        Assert.Equal(160, Offset("tcpi_delivery_rate"));
        Assert.Equal(168, Offset("tcpi_busy_time"));
        Assert.Equal(192, Offset("tcpi_delivered"));
        Assert.Equal(200, Offset("tcpi_bytes_sent"));
        Assert.Equal(208, Offset("tcpi_bytes_retrans"));
        Assert.Equal(216, Offset("tcpi_dsack_dups"));
        Assert.Equal(224, Offset("tcpi_rcv_ooopack"));
        Assert.Equal(228, Offset("tcpi_snd_wnd"));
        Assert.Equal(216, Kernel.Interop.TcpInfoLength);
    }

    [Fact]
    public void Rusage_matches_sys_resource_h()
    {
        Assert.Equal(144, Marshal.SizeOf<Kernel.Interop.rusage>());
        Assert.Equal(16, Marshal.SizeOf<Kernel.Interop.timeval>());
        Assert.Equal(16, (int)Marshal.OffsetOf<Kernel.Interop.rusage>("ru_stime"));
        Assert.Equal(32, (int)Marshal.OffsetOf<Kernel.Interop.rusage>("ru_maxrss"));
        Assert.Equal(128, (int)Marshal.OffsetOf<Kernel.Interop.rusage>("ru_nvcsw"));
    }

    private static int Offset(string field) => (int)Marshal.OffsetOf<Kernel.Interop.tcp_info>(field);
}
