using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace PerfSuite.Kernel;

internal static partial class Interop
{
    internal const int IPPROTO_TCP = 6;
    internal const int TCP_INFO = 11;

    /// <summary>struct tcp_info from linux/tcp.h up to tcpi_snd_wnd (Linux 5.4; 232 bytes). Newer kernels append
    /// fields, which getsockopt truncates to the length we pass; older kernels return fewer bytes, so callers check
    /// the returned length before trusting a field (<see cref="TcpInfoLength"/>).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct tcp_info
    {
        public byte tcpi_state;
        public byte tcpi_ca_state;
        public byte tcpi_retransmits;
        public byte tcpi_probes;
        public byte tcpi_backoff;
        public byte tcpi_options;
        public byte tcpi_wscale;              // snd_wscale : 4, rcv_wscale : 4
        public byte tcpi_app_limited_flags;   // delivery_rate_app_limited : 1, fastopen_client_fail : 2

        public uint tcpi_rto;
        public uint tcpi_ato;
        public uint tcpi_snd_mss;
        public uint tcpi_rcv_mss;

        public uint tcpi_unacked;
        public uint tcpi_sacked;
        public uint tcpi_lost;
        public uint tcpi_retrans;
        public uint tcpi_fackets;

        public uint tcpi_last_data_sent;
        public uint tcpi_last_ack_sent;
        public uint tcpi_last_data_recv;
        public uint tcpi_last_ack_recv;

        public uint tcpi_pmtu;
        public uint tcpi_rcv_ssthresh;
        public uint tcpi_rtt;
        public uint tcpi_rttvar;
        public uint tcpi_snd_ssthresh;
        public uint tcpi_snd_cwnd;
        public uint tcpi_advmss;
        public uint tcpi_reordering;

        public uint tcpi_rcv_rtt;
        public uint tcpi_rcv_space;

        public uint tcpi_total_retrans;

        public ulong tcpi_pacing_rate;
        public ulong tcpi_max_pacing_rate;
        public ulong tcpi_bytes_acked;
        public ulong tcpi_bytes_received;
        public uint tcpi_segs_out;
        public uint tcpi_segs_in;

        public uint tcpi_notsent_bytes;
        public uint tcpi_min_rtt;
        public uint tcpi_data_segs_in;
        public uint tcpi_data_segs_out;

        public ulong tcpi_delivery_rate;

        public ulong tcpi_busy_time;
        public ulong tcpi_rwnd_limited;
        public ulong tcpi_sndbuf_limited;

        public uint tcpi_delivered;
        public uint tcpi_delivered_ce;

        public ulong tcpi_bytes_sent;
        public ulong tcpi_bytes_retrans;
        public uint tcpi_dsack_dups;
        public uint tcpi_reord_seen;

        public uint tcpi_rcv_ooopack;

        public uint tcpi_snd_wnd;
    }

    /// <summary>Bytes of tcp_info the kernel must return for tcpi_bytes_retrans to be present (Linux 4.19+).</summary>
    internal static readonly int TcpInfoLength = (int)Marshal.OffsetOf<tcp_info>(nameof(tcp_info.tcpi_dsack_dups));

    /// <summary>getsockopt(TCP_INFO) into <paramref name="info"/>; returns how many bytes the kernel filled.
    /// Allocation-free: the struct lives on the caller's stack.</summary>
    internal static int GetTcpInfo(Socket socket, out tcp_info info)
    {
        info = default;
        var bytes = MemoryMarshal.AsBytes(new Span<tcp_info>(ref info));
        return socket.GetRawSocketOption(IPPROTO_TCP, TCP_INFO, bytes);
    }
}
