using PerfSuite.Kernel.Sockets;

namespace PerfSuite.Kernel;

internal static partial class Interop
{
    /// <summary>errno values the packet paths branch on (asm-generic/errno.h; same on x86_64 and aarch64). Tmds.LibC
    /// has them only as readonly fields, which a switch cannot use.</summary>
    internal static class PacketErrno
    {
        public const int EINTR = 4;
        public const int EAGAIN = 11;
        public const int EMSGSIZE = 90;
        public const int EADDRNOTAVAIL = 99;
        public const int ENETUNREACH = 101;
        public const int ENOBUFS = 105;
        public const int ECONNREFUSED = 111;
        public const int EHOSTDOWN = 112;
        public const int EHOSTUNREACH = 113;
    }

    private static IoStatus ClassifyPacketErrno(int errno, string what) => errno switch
    {
        PacketErrno.EAGAIN => IoStatus.WouldBlock,
        PacketErrno.EMSGSIZE => IoStatus.MessageTooLong,
        PacketErrno.ECONNREFUSED or PacketErrno.EHOSTUNREACH or PacketErrno.ENETUNREACH
            or PacketErrno.EHOSTDOWN => IoStatus.PeerUnreachable,
        PacketErrno.ENOBUFS => IoStatus.NoBuffers,
        _ => throw SystemCallFailure(errno, what),
    };
}
