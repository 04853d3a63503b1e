using PerfSuite.Kernel.Proc;
using PerfSuite.Kernel.Processes;

namespace PerfSuite.Kernel.Tests.Proc;

public sealed class ProcPidStatTests
{
    [Fact]
    public void Every_field_used_is_read_from_a_saved_line()
    {
        // Given a saved stat line whose command name has spaces and parentheses
        var stat = ProcPidStatParser.Parse(FixtureFile.Read("proc-pid-stat.parens-in-comm.txt"));

        // Then fields are counted from the last ')'
        Assert.Equal(new ProcPidStat(4242, "a b) (c", 'S', 1, 731, 29, 123), stat);
        Assert.False(stat.IsZombie);
    }

    [Fact]
    public void A_line_without_the_start_time_is_not_a_stat_line()
    {
        Assert.Null(ProcPidStatParser.TryParse("1 (init) S 0 1 1 0 -1 4194560 100 0 0 0 5 6"));
    }

    [Fact]
    public void This_process_is_running_and_identified_by_its_start_time()
    {
        var me = ProcessIdentity.Current;

        Assert.Equal(Environment.ProcessId, me.Pid);
        Assert.Equal(ProcPidStatParser.Read(Environment.ProcessId)!.StartTimeTicks, me.StartTime);
        Assert.True(ProcessTermination.IsRunning(me.Pid));
    }
}
