using PerfSuite.Kernel.Sockets;

namespace PerfSuite.Kernel;

internal static partial class Interop
{
    private static IoStatus ClassifyPacketErrno(int errno, string what) => errno switch
    {
        LinuxErrno.EAGAIN => IoStatus.WouldBlock,
        LinuxErrno.EMSGSIZE => IoStatus.MessageTooLong,
        LinuxErrno.ECONNREFUSED or LinuxErrno.EHOSTUNREACH or LinuxErrno.ENETUNREACH
            or LinuxErrno.EHOSTDOWN => IoStatus.PeerUnreachable,
        LinuxErrno.ENOBUFS => IoStatus.NoBuffers,
        _ => throw SystemCallFailure(errno, what),
    };
}
