using System.Net.Sockets;

namespace PerfSuite.Kernel.Sockets;

/// <summary>Reads <see cref="TcpInfoSample"/>s from a connected TCP socket.</summary>
public static class TcpInfoReader
{
    public static TcpInfoSample Read(Socket socket)
    {
        var length = Interop.GetTcpInfo(socket, out var info);
        var hasBytes = length >= Interop.TcpInfoLength;
        return new TcpInfoSample(
            info.tcpi_state, info.tcpi_rtt, info.tcpi_rttvar, info.tcpi_min_rtt, info.tcpi_total_retrans,
            hasBytes ? info.tcpi_bytes_sent : null,
            hasBytes ? info.tcpi_bytes_retrans : null,
            info.tcpi_snd_mss, info.tcpi_pmtu, info.tcpi_snd_cwnd, info.tcpi_delivery_rate);
    }
}
