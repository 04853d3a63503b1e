using System.Globalization;
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

    /// <summary><c>PID:STARTTIME</c>, the form a process passes on a command line (<c>perfsuite agent --owner</c>).</summary>
    public string ToArgument() => string.Create(CultureInfo.InvariantCulture, $"{Pid}:{StartTime}");

    /// <summary>Reads <see cref="ToArgument"/>'s form; null when <paramref name="text"/> is not two positive integers.</summary>
    public static ProcessIdentity? TryParse(string text)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        return colon > 0
            && int.TryParse(text.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && pid > 0
            && long.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var start)
            ? new ProcessIdentity(pid, start)
            : null;
    }
}
