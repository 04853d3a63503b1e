using System.Globalization;
using PerfSuite.Kernel;
using PerfSuite.Lab;

namespace PerfSuite.Lab.State;

/// <summary>A process told apart from any later one with the same pid by its start time (clock ticks after
/// boot, field 22 of /proc/PID/stat).</summary>
public sealed record LabProcessIdentity(int Pid, long StartTime)
{
    public static LabProcessIdentity Current { get; } = Of(Environment.ProcessId)
        ?? throw new InvalidOperationException("cannot read this process's own /proc/self/stat");

    /// <summary>The identity of a live process, or null when there is none with that pid.</summary>
    public static LabProcessIdentity? Of(int pid)
    {
        try
        {
            return ParseStartTime(File.ReadAllText(SystemPaths.ProcPidStat(pid))) is { } start ? new LabProcessIdentity(pid, start) : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    public bool IsAlive => Of(Pid) is { } now && now.StartTime == StartTime;

    /// <summary>Field 22 of /proc/PID/stat. The command name (field 2) is in parentheses and may itself contain
    /// spaces and parentheses, so fields are counted after the last ')'.</summary>
    public static long? ParseStartTime(string stat)
    {
        var close = stat.LastIndexOf(')');
        if (close < 0)
            return null;
        var fields = stat[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // fields[0] is field 3 (state), so field 22 is fields[19].
        return fields.Length > 19 && long.TryParse(fields[19], NumberStyles.None, CultureInfo.InvariantCulture, out var start) ? start : null;
    }
}
