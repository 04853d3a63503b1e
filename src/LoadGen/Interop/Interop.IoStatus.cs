namespace PerfSuite.LoadGen;

internal static partial class Interop
{
    /// <summary>How a packet read or write on a non-blocking descriptor ended, for the per-packet loops: the outcomes
    /// they handle without an exception. Any other errno is thrown as <see cref="Probe.ErrnoException"/>.</summary>
    internal enum IoStatus
    {
        Ok,
        /// <summary>EAGAIN: nothing to read, or no room to write; wait with poll.</summary>
        WouldBlock,
        /// <summary>EMSGSIZE: larger than the route's MTU (IP_HDRINCL never fragments).</summary>
        MessageTooLong,
        /// <summary>An ICMP error from an earlier packet surfaced on a connected socket (ECONNREFUSED when the peer has
        /// no listener for protocol 4 yet, EHOSTUNREACH, ENETUNREACH, EHOSTDOWN): transient, the packet is lost.</summary>
        PeerUnreachable,
        /// <summary>ENOBUFS: a full device queue; the packet is lost, as on a real link.</summary>
        NoBuffers,
        /// <summary>The descriptor was shut down for reading (read returned 0).</summary>
        Closed,
    }

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
