
using PerfSuite.Kernel;
using PerfSuite.Kernel.Processes;
using PerfSuite.Lab.State;
using PerfSuite.Lab.Tunnels;

namespace PerfSuite.Lab;

/// <summary>Ends a process recorded in a lab's state: SIGTERM so it can clean up after itself (wireguard-go
/// removes its UAPI socket), SIGKILL if it is still there after a grace period. A pid whose start time no longer
/// matches belongs to someone else now and is left alone.</summary>
internal static class LabProcessTerminator
{
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(1);

    public static void Terminate(LabProcessIdentity process)
    {
        if (!process.IsAlive || !ProcessControl.SendSignal(process.Pid, ProcessTermination.SigTerm))
            return;
        var deadline = DateTime.UtcNow + Grace;
        while (DateTime.UtcNow < deadline)
        {
            if (!process.IsAlive || !ProcessTermination.IsRunning(process.Pid))
                return;
            Thread.Sleep(10);
        }
        if (process.IsAlive)
            _ = ProcessControl.SendSignal(process.Pid, ProcessTermination.SigKill);
    }
}
