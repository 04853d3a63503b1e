using PerfSuite.Probe;

namespace PerfSuite.LoadGen;

internal static partial class Interop
{
    /// <summary>An errno of the tunnel calls as the exception callers see, naming what was attempted, through the
    /// Probe's one errno table (<see cref="ErrnoException.FromErrno"/>). The errno stays on the exception for callers
    /// that branch on it (EBUSY on an interface name, EOPNOTSUPP on a link kind).</summary>
    internal static ErrnoException SystemCallFailure(int errno, string what, string capability = "CAP_NET_ADMIN") =>
        ErrnoException.FromErrno(errno, what, capability);

    /// <summary>errno of the last Tmds.LibC call on this thread.</summary>
    private static int ErrnoOfLastCall => Tmds.Linux.LibC.errno;
}
