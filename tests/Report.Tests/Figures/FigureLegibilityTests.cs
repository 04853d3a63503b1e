using PerfSuite.Model.Results;
using PerfSuite.Report.Analysis;
using PerfSuite.Report.Figures;
using PerfSuite.Report.Tests.Support;

namespace PerfSuite.Report.Tests.Figures;

/// <summary>Figures a reader can read: no label drawn over another, and the kernel datapaths' CPU cost legible
/// beside the userspace ones (issue 18).</summary>
public sealed class FigureLegibilityTests
{
    private static readonly Lazy<ReportFigures> Baseline = new(() =>
        ReportFigures.Build(ReportAnalyzer.Analyze(ResultsReader.Load(RepositoryPaths.DefaultBaseline))));

    private static readonly Lazy<ReportFigures> Lab = new(() => ReportFigures.Build(ReportAnalyzer.Analyze(SampleRun.Lab())));

    public static TheoryData<string> Checked => ["cost-vs-native", "cpu-cost-mtu1500", "cpu-cost-mtu9000", "latency-mtu1500", "latency-mtu9000"];

    [Theory]
    [MemberData(nameof(Checked))]
    public void No_two_labels_of_a_figure_of_the_default_baseline_touch(string name)
    {
        // Given a figure of the committed default lab run
        var figure = Baseline.Value.All.Single(f => f.Name == name);

        // When the boxes of its texts are compared
        var collisions = SvgTextBoxes.Collisions(figure.Svg, gap: 20);

        // Then none overlaps another or comes within 20 px of it side by side: closer, two labels read as one (the CPU
        // figure's "wireguard" and "vxlan+wireguard" were 16 px apart when they shared one axis)
        Assert.True(collisions.Count == 0, $"{name}: " + string.Join("; ", collisions));
    }

    [Fact]
    public void Kernel_and_userspace_cpu_costs_get_panels_of_their_own_when_their_scales_differ()
    {
        // Given the default baseline at MTU 1500: kernel paths near 0.1, userspace ones up to 3.9 core·s/Gbit
        var text = SvgText.Of(Baseline.Value.All.Single(f => f.Name == "cpu-cost-mtu1500").Svg);

        // Then each kind has its panel, and the kernel panel's axis is scaled to the kernel bars
        Assert.Contains("kernel datapaths", text);
        Assert.Contains("userspace implementations", text);
        Assert.Contains("0.1", text);
        Assert.Contains("0.131", text);
        Assert.Contains("3.94", text);
        Assert.Equal(2, text.Count(t => t == "CPU cost (core-seconds per Gbit)"));
    }

    [Fact]
    public void Kernel_only_cpu_costs_stay_in_one_panel()
    {
        var lab = SampleRun.Lab();
        var cells = lab.Cells.Where(c => c.Impl == Model.Datapaths.DatapathImplementation.Kernel).ToList();
        var figures = ReportFigures.Build(ReportAnalyzer.Analyze(lab with { Cells = cells, Summary = null }));

        var text = SvgText.Of(figures.All.Single(f => f.Name == "cpu-cost-mtu1500").Svg);

        Assert.DoesNotContain("kernel datapaths", text);
        Assert.Contains("CPU cost per Gbit of goodput, underlay MTU 1500", text);
    }

    [Fact]
    public void The_key_figure_shows_goodput_and_cpu_against_native_with_cpu_on_a_log_axis()
    {
        var text = SvgText.Of(Lab.Value.Key!.Svg);

        Assert.Equal("cost-vs-native", Lab.Value.Key.Name);
        Assert.Contains("Goodput (% of native)", text);
        Assert.Contains("CPU per Gbit (× native, log axis)", text);
        Assert.Contains("1×", text);
        Assert.Contains("10×", text);
        foreach (var row in new[] { "host", "ipip (userspace)", "vxlan", "wireguard (userspace)" })
            Assert.Contains(row, text);
        Assert.DoesNotContain("native", text);
        Assert.Contains("line: 80–90 % interval", text);
    }

    [Fact]
    public void A_run_without_cpu_figures_gets_a_key_figure_of_goodput_alone()
    {
        // Given the sample without any CPU measurement
        var lab = SampleRun.Lab();
        var cells = lab.Cells.Select(c => c.Metrics is null ? c : c with { Metrics = c.Metrics with { BusyCores = null, CoreSecondsPerGbit = null, CpuByCategory = null } }).ToList();

        // When its figures are built
        var key = ReportFigures.Build(ReportAnalyzer.Analyze(lab with { Cells = cells, Summary = null })).Key!;

        // Then the key figure has the goodput panel only, the full width
        var text = SvgText.Of(key.Svg);
        Assert.Contains("Goodput (% of native)", text);
        Assert.DoesNotContain("CPU per Gbit (× native, log axis)", text);
        Assert.Contains("ipip (userspace)", text);
    }
}
