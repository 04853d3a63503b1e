using System.Globalization;
using PerfSuite.Model.Errors;

namespace PerfSuite.Kernel.Proc;

/// <summary>Parses <c>/proc/PID/stat</c>, the only parser of that file. The command name (field 2) is in
/// parentheses and may itself contain spaces and ')', so fields are counted from the last ')'.</summary>
public static class ProcPidStatParser
{
    // Indexes into the fields after "pid (comm) ", which start at field 3 (state).
    private const int FirstFieldAfterComm = 3;
    private const int StateIndex = 3 - FirstFieldAfterComm;
    private const int ParentPidIndex = 4 - FirstFieldAfterComm;
    private const int UtimeIndex = 14 - FirstFieldAfterComm;
    private const int StimeIndex = 15 - FirstFieldAfterComm;
    private const int StartTimeIndex = 22 - FirstFieldAfterComm;

    /// <summary>The fields of <paramref name="text"/>; a line without them is a protocol error.</summary>
    public static ProcPidStat Parse(ReadOnlySpan<char> text) =>
        TryParse(text) ?? throw new PerfSuiteException(ErrorReason.Protocol, "/proc/PID/stat: cannot find utime and stime");

    /// <summary>The fields of <paramref name="text"/>, or null when it is not a complete stat line.</summary>
    public static ProcPidStat? TryParse(ReadOnlySpan<char> text)
    {
        var open = text.IndexOf('(');
        var close = text.LastIndexOf(')');
        if (open < 1 || close < open || !int.TryParse(text[..open].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            return null;
        var command = text[(open + 1)..close].ToString();
        var rest = text[(close + 1)..].Trim();
        char state = '\0';
        int parentPid = 0;
        ulong utime = 0, stime = 0;
        long startTime = 0;
        var index = 0;
        foreach (var range in rest.Split(' '))
        {
            var token = rest[range];
            if (token.IsEmpty)
                continue;
            var parsed = index switch
            {
                StateIndex => token.Length == 1,
                ParentPidIndex => int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out parentPid),
                UtimeIndex => ulong.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out utime),
                StimeIndex => ulong.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out stime),
                StartTimeIndex => long.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out startTime),
                _ => true,
            };
            if (!parsed)
                return null;
            if (index == StateIndex)
                state = token[0];
            if (index++ == StartTimeIndex)
                return new ProcPidStat(pid, command, state, parentPid, utime, stime, startTime);
        }
        return null;
    }

    /// <summary>The stat of process <paramref name="pid"/>, or null when there is no such process (any more).</summary>
    public static ProcPidStat? Read(int pid)
    {
        try
        {
            return TryParse(File.ReadAllText(SystemPaths.ProcPidStat(pid)));
        }
        catch (IOException)
        {
            return null;
        }
    }
}
