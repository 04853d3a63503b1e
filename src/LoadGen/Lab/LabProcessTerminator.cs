using PerfSuite.LoadGen.Lab.State;
using PerfSuite.Probe;

namespace PerfSuite.LoadGen.Lab;

/// <summary>Ends a process the lab started: SIGTERM so it can clean up after itself (wireguard-go removes its
/// UAPI socket), SIGKILL if it is still there after a grace period. A pid whose start time no longer matches
/// belongs to someone else now and is left alone.</summary>
internal static class LabProcessTerminator
{
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(1);

    public static void Terminate(LabProcessIdentity process)
    {
        if (!process.IsAlive)
            return;
        _ = Interop.Kill(process.Pid, Interop.SIGTERM);
        var deadline = DateTime.UtcNow + Grace;
        while (DateTime.UtcNow < deadline)
        {
            if (!process.IsAlive || IsZombie(process.Pid))
                return;
            Thread.Sleep(10);
        }
        if (process.IsAlive)
            _ = Interop.Kill(process.Pid, Interop.SIGKILL);
    }

    /// <summary>A child that exited but was not reaped yet still has its /proc entry; it is done all the same.</summary>
    private static bool IsZombie(int pid)
    {
        try
        {
            var stat = File.ReadAllText(SystemPaths.ProcPidStat(pid));
            var close = stat.LastIndexOf(')');
            return close >= 0 && stat.Length > close + 2 && stat[close + 2] is 'Z' or 'X';
        }
        catch (IOException)
        {
            return true;
        }
    }
}
