using PerfSuite.Kernel.Proc;
using PerfSuite.Model.Errors;

namespace PerfSuite.Kernel.Tests.Proc;

public sealed class ProcPidStatParserTests
{
    [Fact]
    public void Reads_utime_and_stime_of_a_real_process()
    {
        var times = ProcPidStatParser.Parse(FixtureFile.Read("proc-pid-stat.cat.txt")).CpuTimes;

        Assert.Equal(new ProcessCpuTimes(0, 0), times);
    }

    [Fact]
    public void Command_names_with_spaces_and_parentheses_do_not_shift_fields()
    {
        var times = ProcPidStatParser.Parse(FixtureFile.Read("proc-pid-stat.parens-in-comm.txt")).CpuTimes;

        Assert.Equal(new ProcessCpuTimes(731, 29), times);
        Assert.Equal(760UL, times.TotalTicks);
    }

    [Fact]
    public void This_process_has_a_readable_stat_line()
    {
        // Given the live /proc of the test process, which has certainly used some CPU by now
        var times = ProcStatSampler.ReadProcess(Environment.ProcessId);

        Assert.True(times.TotalTicks > 0);
    }

    [Fact]
    public void A_truncated_line_is_a_protocol_error()
    {
        var e = Assert.Throws<PerfSuiteException>(() => ProcPidStatParser.Parse("1 (init) S 0 1 1 0 -1 4194560 100"));
        Assert.Equal(ErrorReason.Protocol, e.Reason);
    }
}
