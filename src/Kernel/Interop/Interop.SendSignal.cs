using Tmds.Linux;

namespace PerfSuite.Kernel;

internal static partial class Interop
{
    /// <summary>kill(2); false when no such process exists (ESRCH).</summary>
    internal static bool SendSignal(int pid, int signal)
    {
        if (LibC.kill(pid, signal) == 0)
            return true;
        var errno = LastErrno;
        if (errno == LinuxErrno.ESRCH)
            return false;
        throw SystemCallFailure(errno, $"sending signal {signal} to process {pid}", "CAP_KILL");
    }
}
