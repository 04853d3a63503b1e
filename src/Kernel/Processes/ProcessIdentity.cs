using PerfSuite.Kernel.Proc;

namespace PerfSuite.Kernel.Processes;

/// <summary>A process told apart from any later one with the same pid by its start time (clock ticks after
/// boot, field 22 of /proc/PID/stat).</summary>
public sealed record ProcessIdentity(int Pid, long StartTime)
{
    public static ProcessIdentity Current { get; } = Of(Environment.ProcessId)
        ?? throw new InvalidOperationException("cannot read this process's own /proc/self/stat");

    /// <summary>The identity of a live process, or null when there is none with that pid.</summary>
    public static ProcessIdentity? Of(int pid) =>
        ProcPidStatParser.Read(pid) is { } stat ? new ProcessIdentity(pid, stat.StartTimeTicks) : null;

    /// <summary>True while a process with this pid and this start time exists (a zombie included).</summary>
    public bool IsAlive => Of(Pid) is { } now && now.StartTime == StartTime;
}
