using PerfSuite.Model.Results;
using PerfSuite.Model.Statistics;
using PerfSuite.Report.Analysis;
using PerfSuite.Report.Tests.Support;
using PerfSuite.Report.Writing;

namespace PerfSuite.Report.Tests.Writing;

/// <summary>udp-stream and tcp-crr get tables of their own under each MTU (issue 20, "same for the report's tables"):
/// what each test measured, the main metric against native, intervals that state their coverage, and no interval
/// where there is one repetition.</summary>
public sealed class TestTablesTests
{
    [Fact]
    public void Udp_stream_shows_goodput_loss_datagram_rate_jitter_and_cpu_against_native()
    {
        // Given a lab run that measured udp-stream three times on each path
        using var temp = new ScratchDirectory();
        var document = EveryTestRun.Lab();

        // When its report is written
        var output = ReportWriter.Write(document, temp.File("report"), force: false);
        var table = MarkdownTable.After(File.ReadAllLines(output.MarkdownPath), "## Underlay MTU 1500", "### udp-stream: goodput and loss");

        // Then the columns say what was measured and how far each interval can be trusted
        Assert.Equal(["datapath", "impl", "Gbit/s (range of 3)", "of native (90 % interval)", "loss % (range of 3)", "datagrams/s",
            "jitter µs", "core·s/Gbit", "notes"], table.Header);
        Assert.Equal(["host", "native", "vxlan", "wireguard"], table.Rows.Select(r => r[0]));
        // ... native is the reference, and its numbers are the medians of its three repetitions with their range
        var native = table.Row("native");
        var cells = Cells(document, "native", 1500, TrafficTestNames.UdpStream);
        Assert.Equal("reference", native[3]);
        Assert.Equal(Expected(cells.Select(c => c.Metrics!.GoodputBps!.Value), ReportNumbers.Gbit), native[2]);
        Assert.Equal(Expected(cells.Select(c => c.Metrics!.Udp!.LossPercent), v => ReportNumbers.Number(v, 3)), native[4]);
        Assert.Equal(ReportNumbers.Significant(SampleStatistics.Median(cells.Select(c => c.Metrics!.Udp!.DatagramsReceived / c.DurationSeconds).ToArray()), 3), native[5]);
        Assert.Equal(ReportNumbers.Number(SampleStatistics.Median(cells.Select(c => c.Metrics!.Udp!.JitterUs).ToArray()), 3), native[6]);
        // ... and wireguard's goodput (a quarter of native's) is marked as really below it, vxlan's (79 %) as well
        Assert.StartsWith("25 % (", table.Row("wireguard")[3], StringComparison.Ordinal);
        Assert.EndsWith("▼", table.Row("wireguard")[3], StringComparison.Ordinal);
        Assert.EndsWith("▼", table.Row("vxlan")[3], StringComparison.Ordinal);
        // ... and the caption says the sender was not paced, so loss is overload
        Assert.Contains(File.ReadAllLines(output.MarkdownPath), l => l.Contains("The sender was not paced (no --udp-rate)", StringComparison.Ordinal));
    }

    [Fact]
    public void A_paced_run_says_at_what_rate_its_loss_was_measured()
    {
        using var temp = new ScratchDirectory();
        var every = EveryTestRun.Lab();

        var output = ReportWriter.Write(every with { CommandLine = [.. every.CommandLine, "--udp-rate", "500m"] }, temp.File("report"), force: false);

        Assert.Contains(File.ReadAllLines(output.MarkdownPath), l => l.Contains("The sender was paced at 500m bit/s of payload over all streams (--udp-rate 500m)", StringComparison.Ordinal));
    }

    [Fact]
    public void Tcp_crr_shows_connections_per_second_and_latency_percentiles_with_their_sample_counts()
    {
        using var temp = new ScratchDirectory();
        var document = EveryTestRun.Lab();

        var output = ReportWriter.Write(document, temp.File("report"), force: false);
        var table = MarkdownTable.After(File.ReadAllLines(output.MarkdownPath), "## Underlay MTU 9000", "### tcp-crr: connection rate");

        Assert.Equal(["datapath", "impl", "conn/s (range of 3)", "of native (90 % interval)", "p50 µs", "p99 µs (n)", "core·s/M conn", "notes"], table.Header);
        var vxlan = table.Row("vxlan");
        var cells = Cells(document, "vxlan", 9000, TrafficTestNames.TcpCrr);
        var rates = cells.Select(c => c.Metrics!.ConnectionsPerSecond!.Value).ToArray();
        Assert.Equal(Expected(rates, v => ReportNumbers.Significant(v, 3)), vxlan[2]);
        // n: the connections of a repetition, the count its p99 rests on
        var p99 = ReportNumbers.Number(SampleStatistics.Median(cells.Select(c => c.Metrics!.LatencyUs!.P99).ToArray()), 3);
        var samples = ReportNumbers.Significant(SampleStatistics.Median(rates) * SampleRun.DurationSeconds, 3);
        Assert.Equal($"{p99} ({samples})", vxlan[5]);
        Assert.EndsWith("▼", vxlan[3], StringComparison.Ordinal);
        Assert.Equal("userspace", table.Row("wireguard")[1]);
    }

    [Fact]
    public void One_repetition_prints_values_without_an_interval_and_says_so()
    {
        using var temp = new ScratchDirectory();
        var output = ReportWriter.Write(EveryTestRun.Lab(repetitions: 1), temp.File("report"), force: false);
        var lines = File.ReadAllLines(output.MarkdownPath);

        var udp = MarkdownTable.After(lines, "## Underlay MTU 1500", "### udp-stream: goodput and loss");
        var crr = MarkdownTable.After(lines, "## Underlay MTU 9000", "### tcp-crr: connection rate");

        Assert.Equal("Gbit/s (1 repetition, no interval)", udp.Header[2]);
        Assert.Equal("conn/s (1 repetition, no interval)", crr.Header[2]);
        Assert.All(udp.Rows, r => Assert.DoesNotContain("(", r[2], StringComparison.Ordinal));
        Assert.All(crr.Rows, r => Assert.DoesNotContain("(", r[2], StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("the interval of a median is 1 repetition, no interval", StringComparison.Ordinal));
    }

    [Fact]
    public void A_udp_only_run_has_no_row_of_dashes_in_the_table_against_native()
    {
        // Given a run that measured udp-stream only
        using var temp = new ScratchDirectory();
        var every = EveryTestRun.Lab();
        var cells = every.Cells.Where(c => c.Test == TrafficTestNames.UdpStream).ToList();

        // When
        var output = ReportWriter.Write(every with { Cells = cells, Summary = ResultsSummarizer.Summarize(cells) }, temp.File("report"), force: false);
        var lines = File.ReadAllLines(output.MarkdownPath);

        // Then each MTU has its UDP table, and no tcp table of dashes
        Assert.Equal(4, MarkdownTable.After(lines, "## Underlay MTU 1500", "### udp-stream: goodput and loss").Rows.Count);
        Assert.DoesNotContain(lines, l => l.StartsWith("### tcp-stream", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.StartsWith("| datapath | impl | Gbit/s |", StringComparison.Ordinal));
    }

    [Fact]
    public void A_udp_group_with_disagreeing_repetitions_carries_its_flag_in_the_notes()
    {
        // Given wireguard's UDP goodput varying by half between repetitions
        using var temp = new ScratchDirectory();
        var every = EveryTestRun.Lab();
        var cells = every.Cells.Select(c => c.Path == "wireguard" && c.Test == TrafficTestNames.UdpStream && c.Rep == 2
            ? c with { Metrics = c.Metrics! with { GoodputBps = c.Metrics.GoodputBps * 1.6 } }
            : c).ToList();

        var output = ReportWriter.Write(every with { Cells = cells, Summary = ResultsSummarizer.Summarize(cells) }, temp.File("report"), force: false);
        var table = MarkdownTable.After(File.ReadAllLines(output.MarkdownPath), "## Underlay MTU 1500", "### udp-stream: goodput and loss");

        Assert.StartsWith("goodput CV ", table.Row("wireguard")[^1], StringComparison.Ordinal);
        Assert.Equal("", table.Row("native")[^1]);
    }

    private static List<CellResult> Cells(ResultsDocument document, string path, int mtu, string test) =>
        document.Cells.Where(c => c.Path == path && c.UnderlayMtu == mtu && c.Test == test && c.Status == CellStatus.Ok).ToList();

    /// <summary>"median (min–max)" of three values, as the table writes a range of 3.</summary>
    private static string Expected(IEnumerable<double> values, Func<double, string> format)
    {
        var sorted = values.Order().ToArray();
        Assert.Equal(3, sorted.Length);
        return $"{format(sorted[1])} ({format(sorted[0])}–{format(sorted[2])})";
    }
}
