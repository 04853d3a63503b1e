using System.Net.Sockets;

namespace PerfSuite.Kernel;

internal static partial class Interop
{
    private const int SOL_IP = 0;
    private const int IP_MTU_DISCOVER = 10;
    /// <summary>Always set DF and never fragment locally: a datagram larger than the path MTU known to the
    /// kernel fails with EMSGSIZE, one larger than a later hop's MTU is dropped there (ICMP "fragmentation
    /// needed" comes back and lowers the known path MTU).</summary>
    private const int IP_PMTUDISC_DO = 2;

    internal static void SetDontFragment(Socket socket)
    {
        Span<byte> value = stackalloc byte[4];
        BitConverter.TryWriteBytes(value, IP_PMTUDISC_DO);
        socket.SetRawSocketOption(SOL_IP, IP_MTU_DISCOVER, value);
    }
}
