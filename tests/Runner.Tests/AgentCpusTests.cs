using PerfSuite.Model.Errors;
using PerfSuite.Model.Results;

namespace PerfSuite.Runner.Tests;

public sealed class AgentCpusTests
{
    [Fact]
    public void Sender_and_receiver_lists_parse_with_ranges()
    {
        var cpus = AgentCpus.Parse("sender=0,receiver=2-3");

        Assert.Equal(CpuPlacement.Manual, cpus.Policy);
        Assert.Equal([0], cpus.Sender);
        Assert.Equal([2, 3], cpus.Receiver);
        Assert.Equal(new CpuPlacement(CpuPlacement.Manual, [0], [2, 3]).Describe(), cpus.Resolve([0, 1, 2, 3]).Describe());
    }

    [Theory]
    [InlineData("sender=0", "give both")]
    [InlineData("sender=0,receiver=x", "'x' is not a CPU number")]
    [InlineData("sender=0,receiver=1,sender=1", "is not sender=CPU")]
    [InlineData("cpu0", "is not sender=CPU")]
    [InlineData("sender=3-1,receiver=0", "not a CPU range")]
    public void Malformed_placements_are_refused_with_the_part_named(string text, string expected)
    {
        var e = Assert.Throws<PerfSuiteException>(() => AgentCpus.Parse(text));

        Assert.Equal(ErrorReason.InvalidArgument, e.Reason);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void A_cpu_this_process_may_not_use_is_refused()
    {
        var e = Assert.Throws<PerfSuiteException>(() => AgentCpus.Parse("sender=0,receiver=5").Resolve([0, 1]));

        Assert.Contains("CPU 5 is not one this process may use (0,1)", e.Message);
    }

    [Fact]
    public void Auto_separates_sender_and_receiver_and_says_why_not_on_one_cpu()
    {
        var two = AgentCpus.Auto.Resolve([0, 1, 2, 3]);
        var one = AgentCpus.Auto.Resolve([3]);

        Assert.Equal([0], two.Sender);
        Assert.Equal([3], two.Receiver);
        Assert.Null(one.Sender);
        Assert.Contains("1 CPU usable", one.Note);
        Assert.Equal(CpuPlacement.None, AgentCpus.Parse("none").Resolve([0, 1]).Policy);
    }

    [Fact]
    public void Auto_places_nothing_when_other_work_keeps_the_cpus_busy_and_says_so()
    {
        var quiet = AgentCpus.Auto.Resolve([0, 1], otherBusyCores: 0.05);
        var loaded = AgentCpus.Auto.Resolve([0, 1], otherBusyCores: 1.85);
        var manual = AgentCpus.Parse("sender=0,receiver=1").Resolve([0, 1], otherBusyCores: 1.85);

        Assert.Equal([0], quiet.Sender);
        Assert.Null(loaded.Sender);
        Assert.Null(loaded.Receiver);
        Assert.Equal("not placed (auto: other work kept 1.85 of 2 CPUs busy before the run; pinned agents would wait behind it)", loaded.Describe());
        Assert.Equal([1], manual.Receiver);
    }
}
