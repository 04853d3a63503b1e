using PerfSuite.Kernel.Proc;
using PerfSuite.Kernel.Processes;

namespace PerfSuite.Lab.Tests;

public sealed class LabProcessIdentityTests
{
    [Fact]
    public void Start_time_is_field_22_even_when_the_command_name_has_spaces_and_parentheses()
    {
        const string stat = "1234 (wire guard) (go)) S 1 1234 1234 0 -1 4194560 100 0 0 0 1 2 0 0 20 0 8 0 987654 123456 789";
        Assert.Equal(987654, ProcPidStatParser.Parse(stat).StartTimeTicks);
    }

    [Fact]
    public void This_process_is_alive_and_a_different_start_time_is_not_it()
    {
        var me = ProcessIdentity.Current;
        Assert.True(me.IsAlive);
        Assert.False((me with { StartTime = me.StartTime + 1 }).IsAlive);
    }
}
