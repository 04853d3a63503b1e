using Tmds.Linux;

namespace PerfSuite.Kernel;

internal static partial class Interop
{
    /// <summary>setsid(2): leaves the caller's session and process group, so a terminal's Ctrl-C or hang-up that
    /// ends the command which started this process does not reach it. EPERM (already a group leader) is harmless.</summary>
    internal static void StartNewSession() => _ = LibC.setsid();
}
