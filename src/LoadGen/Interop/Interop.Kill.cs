using Tmds.Linux;

namespace PerfSuite.LoadGen;

internal static partial class Interop
{
    internal const int SIGKILL = 9;
    internal const int SIGTERM = 15;

    /// <summary>kill(2); returns 0 or the errno (ESRCH: no such process any more).</summary>
    internal static int Kill(int pid, int signal) => LibC.kill(pid, signal) == 0 ? 0 : LibC.errno;
}
