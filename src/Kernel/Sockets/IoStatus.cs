namespace PerfSuite.Kernel.Sockets;

/// <summary>How a packet read or write on a non-blocking descriptor ended, for the per-packet loops: the outcomes
/// they handle without an exception. Any other errno is thrown as <see cref="ErrnoException"/>.</summary>
public enum IoStatus
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
