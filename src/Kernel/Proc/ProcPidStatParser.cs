using System.Globalization;
using PerfSuite.Kernel;
using PerfSuite.Model.Errors;

namespace PerfSuite.Kernel.Proc;

/// <summary>Parses <c>/proc/PID/stat</c>. The command name (field 2) is in parentheses and may itself contain
/// spaces and ')', so fields are counted from the last ')'.</summary>
public static class ProcPidStatParser
{
    // Fields after "pid (comm) " start at field 3 (state); utime is field 14, stime field 15.
    private const int UtimeIndexAfterComm = 14 - 3;
    private const int StimeIndexAfterComm = 15 - 3;

    public static ProcessCpuTimes Parse(ReadOnlySpan<char> text)
    {
        var close = text.LastIndexOf(')');
        if (close < 0)
            throw Malformed();
        var rest = text[(close + 1)..].Trim();
        ulong utime = 0, stime = 0;
        var index = 0;
        var found = 0;
        foreach (var range in rest.Split(' '))
        {
            var token = rest[range];
            if (token.IsEmpty)
                continue;
            if (index == UtimeIndexAfterComm || index == StimeIndexAfterComm)
            {
                if (!ulong.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
                    throw Malformed();
                if (index == UtimeIndexAfterComm)
                    utime = value;
                else
                    stime = value;
                found++;
            }
            if (++index > StimeIndexAfterComm)
                break;
        }
        if (found != 2)
            throw Malformed();
        return new ProcessCpuTimes(utime, stime);
    }

    private static PerfSuiteException Malformed() => new(ErrorReason.Protocol, "/proc/PID/stat: cannot find utime and stime");
}
