using PerfSuite.Report.Compare;
using PerfSuite.Report.Pages;

namespace PerfSuite.Report.Tests.Compare;

public sealed class ComparePageTests
{
    [Fact]
    public void The_page_shows_gaps_as_muted_cells_with_their_reason_and_ties_as_ties()
    {
        // Given two runs that tie on native goodput, one without a NIC snapshot, and a dump
        var report = InputComparer.Compare([
            CompareRuns.Load(CompareRuns.NicA(), "a.json"),
            CompareRuns.Load(CompareRuns.NodeB(), "b.json"),
            CompareRuns.Fixture("ixgbe-composed.ethtool-i-k.txt"),
        ]);
        var figures = MeasuredComparisonFigure.BuildAll(report);

        // When
        var page = ComparePageBuilder.Build(report, figures);

        // Then
        Assert.Equal("PerfSuite compare: nic-a:ens1 vs node-b vs ixgbe-composed.ethtool-i-k.txt:eth2", page.Title);
        var headings = page.Blocks.OfType<PageHeading>().Where(h => h.Level == 2).Select(h => h.Text);
        Assert.Equal(["Inputs", "NIC", "Encapsulation offloads", "Measured datapaths", "Rankings", "How to read this"], headings);
        var nic = page.Blocks.OfType<PageTable>().First();
        var driver = nic.Rows.Single(r => r.Cells[0].Text == "driver");
        Assert.Equal(new PageCell("— no NIC snapshot in the results", PageTone.Muted), driver.Cells[2]);
        Assert.Equal(new PageCell("ixgbe"), driver.Cells[3]);
        var tie = page.Blocks.OfType<PageTable>()
            .Single(t => t.Columns.Count == 3 && t.Rows.Any(r => r.Cells[2].Text.StartsWith("9.4", StringComparison.Ordinal)));
        Assert.Equal(["1 (tie)", "1 (tie)"], tie.Rows.Select(r => r.Cells[0].Text));
        Assert.Equal(["compare-goodput", "compare-cpu-per-gbit", "compare-p99-latency"], figures.Select(f => f.Name));
        Assert.Equal(3, page.Blocks.OfType<PageFigure>().Count());
    }

    [Fact]
    public void Without_results_there_is_no_figure_and_no_measured_section()
    {
        var report = InputComparer.Compare([CompareRuns.Fixture("mlx5-composed.ethtool-i-k.txt"), CompareRuns.Fixture("eth0.ethtool-i-k.txt")]);

        var figures = MeasuredComparisonFigure.BuildAll(report);
        var page = ComparePageBuilder.Build(report, figures);

        Assert.Empty(figures);
        Assert.DoesNotContain(page.Blocks, b => b is PageHeading { Text: "Measured datapaths" });
        var coverage = page.Blocks.OfType<PageHeading>().Single(h => h.Text.StartsWith("Offload coverage", StringComparison.Ordinal));
        Assert.Equal("Offload coverage: encapsulation offloads in NIC hardware (of 7)", coverage.Text);
    }
}
