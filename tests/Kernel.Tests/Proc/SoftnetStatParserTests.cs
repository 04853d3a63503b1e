using PerfSuite.Kernel.Proc;
using PerfSuite.Model.Errors;

namespace PerfSuite.Kernel.Tests.Proc;

public sealed class SoftnetStatParserTests
{
    private static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "proc", name));

    [Fact]
    public void The_recorded_file_of_this_two_CPU_machine_has_a_row_per_CPU()
    {
        // Given /proc/net/softnet_stat copied from this machine (kernel 6.18, 15 columns)
        var text = Fixture("softnet_stat.txt");

        // When
        var rows = SoftnetStatParser.Parse(text);

        // Then
        Assert.Equal(2, rows.Count);
        Assert.Equal(new SoftnetCpuCounters(0, 0x002dd954, 0, 0), rows[0]);
        Assert.Equal(new SoftnetCpuCounters(1, 0x00340764, 0, 1), rows[1]);
    }

    [Fact]
    public void Drops_and_squeezes_of_an_older_11_column_layout_are_read()
    {
        var rows = SoftnetStatParser.Parse(Fixture("softnet_stat-drops.txt"));

        Assert.Equal([0x10L, 0], rows.Select(r => r.Dropped));
        Assert.Equal([0x2aL, 3], rows.Select(r => r.TimeSqueezed));
    }

    [Fact]
    public void Received_rps_is_the_tenth_column_and_zero_where_a_kernel_prints_only_three()
    {
        var rows = SoftnetStatParser.Parse(
            "00000010 00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000007 0000012c 00000000\n"
            + "00000020 00000000 00000000\n");

        Assert.Equal([0x12cL, 0], rows.Select(r => r.ReceivedRps));
    }

    [Fact]
    public void A_line_that_is_not_hexadecimal_is_a_protocol_error()
    {
        var error = Assert.Throws<PerfSuiteException>(() => SoftnetStatParser.Parse("0000000g 00000000 00000000\n"));

        Assert.Equal(ErrorReason.Protocol, error.Reason);
        Assert.Equal("softnet_stat line 1: '0000000g' is not hexadecimal", error.Message);
    }
}
