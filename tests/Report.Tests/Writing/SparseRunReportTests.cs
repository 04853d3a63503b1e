using PerfSuite.Model.Results;
using PerfSuite.Report.Tests.Support;
using PerfSuite.Report.Writing;

namespace PerfSuite.Report.Tests.Writing;

/// <summary>Runs with much less in them than the sample still get a report that shows what there is.</summary>
public sealed class SparseRunReportTests
{
    [Fact]
    public void A_run_whose_every_cell_failed_is_reported_as_such()
    {
        // Given every cell failed
        var lab = SampleRun.Lab();
        var cells = lab.Cells.Select(c => c with { Status = CellStatus.Failed, Reason = "agent crashed", Metrics = null }).ToList();
        using var temp = new ScratchDirectory();

        // When
        var output = ReportWriter.Write(lab with { Cells = cells, Summary = ResultsSummarizer.Summarize(cells) }, temp.File("r"), force: false);

        // Then there is no figure, and the page lists the failures
        Assert.Empty(output.FigurePaths.Select(Path.GetFileName));
        var html = File.ReadAllText(output.HtmlPath);
        Assert.Contains("No finding", html, StringComparison.Ordinal);
        Assert.Contains("Cells without numbers", html, StringComparison.Ordinal);
        Assert.Contains("agent crashed", html, StringComparison.Ordinal);
    }

    [Fact]
    public void One_repetition_per_cell_still_gets_every_figure()
    {
        // Given only repetition 1 of everything, two profiles included
        var lab = SampleRun.Lab();
        var cells = lab.Cells.Where(c => c.Rep == 1).ToList();
        using var temp = new ScratchDirectory();

        // When
        var output = ReportWriter.Write(lab with { Cells = cells, Summary = ResultsSummarizer.Summarize(cells) }, temp.File("r"), force: false);

        // Then (the key figure, the overview, and per MTU CPU, latency and timeline, offloads at 1500)
        Assert.Equal(18, output.FigurePaths.Count);
    }

    [Fact]
    public void A_latency_only_run_gets_latency_figures_and_rows()
    {
        var lab = SampleRun.Lab();
        var cells = lab.Cells.Where(c => c.Test == TrafficTestNames.TcpRr).ToList();
        using var temp = new ScratchDirectory();

        var output = ReportWriter.Write(lab with { Cells = cells, Summary = ResultsSummarizer.Summarize(cells) }, temp.File("r"), force: false);

        Assert.Equal(["latency-mtu1500.png", "latency-mtu1500.svg", "latency-mtu9000.png", "latency-mtu9000.svg"],
            output.FigurePaths.Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Contains(output.Analysis.Findings, f => f.StartsWith("At MTU 1500, p99 request/response latency is", StringComparison.Ordinal));
    }

    [Fact]
    public void A_run_without_native_shows_goodput_in_gbit_per_second()
    {
        var lab = SampleRun.Lab();
        var cells = lab.Cells.Where(c => c.Path != "native").ToList();
        using var temp = new ScratchDirectory();

        var output = ReportWriter.Write(lab with { Cells = cells, Summary = ResultsSummarizer.Summarize(cells) }, temp.File("r"), force: false);

        var svg = File.ReadAllText(Path.Combine(output.Directory, "figures", "goodput-overhead.svg"));
        Assert.Contains(SvgText.Of(svg), t => t == "Goodput (Gbit/s)");
    }
}
