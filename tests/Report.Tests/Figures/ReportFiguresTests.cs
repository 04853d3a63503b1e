using PerfSuite.Model.Results;
using PerfSuite.Report.Analysis;
using PerfSuite.Report.Figures;
using PerfSuite.Report.Tests.Support;
using SkiaSharp;

namespace PerfSuite.Report.Tests.Figures;

public sealed class ReportFiguresTests
{
    private static readonly Lazy<ReportFigures> LabFigures = new(() => ReportFigures.Build(ReportAnalyzer.Analyze(SampleRun.Lab())));

    private static Figure Named(string name) => LabFigures.Value.All.Single(f => f.Name == name);

    [Fact]
    public void Every_figure_of_a_lab_run_is_rendered()
    {
        // Given a lab run with two MTUs, tcp-stream and tcp-rr, and a second offload profile at MTU 1500 only
        // When every figure is built
        var names = LabFigures.Value.All.Select(f => f.Name).ToList();

        // Then there is the key figure, the overview, and per MTU CPU, latency and timeline; offloads only where two profiles ran
        Assert.Equal(
            ["cost-vs-native", "goodput-overhead", "cpu-cost-mtu1500", "latency-mtu1500", "offloads-mtu1500", "timeline-mtu1500",
             "cpu-cost-mtu9000", "latency-mtu9000", "timeline-mtu9000"],
            names);
    }

    [Fact]
    public void Every_figure_is_a_valid_png_of_its_declared_size_and_a_parseable_svg()
    {
        foreach (var figure in LabFigures.Value.All)
        {
            // Given a rendered figure
            // When its PNG header and its SVG are read
            var (width, height) = PngFile.Size(figure.Png);
            var svg = SvgText.Parse(figure.Svg).Root!;

            // Then both declare the figure's size
            Assert.Equal((figure.Width, figure.Height), (width, height));
            Assert.Equal("svg", svg.Name.LocalName);
            Assert.Equal(figure.Width.ToString(System.Globalization.CultureInfo.InvariantCulture), svg.Attribute("width")?.Value);
            Assert.Equal(figure.Height.ToString(System.Globalization.CultureInfo.InvariantCulture), svg.Attribute("height")?.Value);
            Assert.False(string.IsNullOrWhiteSpace(figure.Caption));
        }
    }

    [Fact]
    public void Every_svg_text_uses_the_bundled_font()
    {
        foreach (var figure in LabFigures.Value.All)
        {
            var texts = SvgText.Parse(figure.Svg).Descendants().Where(e => e.Name.LocalName == "text").ToList();
            Assert.NotEmpty(texts);
            Assert.All(texts, t => Assert.Equal("DejaVu Sans, Verdana, sans-serif", t.Attribute("font-family")?.Value));
        }
    }

    [Fact]
    public void Png_text_is_drawn_even_though_the_machine_fonts_are_not_used()
    {
        // Given the overview PNG, whose title sits in the top band and nothing else does
        using var bitmap = SKBitmap.Decode(Named("goodput-overhead").Png);

        // When the dark pixels of the title band are counted
        var dark = 0;
        for (var y = 0; y < 30; y++)
        {
            for (var x = 0; x < bitmap.Width; x++)
            {
                if (bitmap.GetPixel(x, y).Red < 100)
                    dark++;
            }
        }

        // Then the title's glyphs are there
        Assert.True(dark > 500, $"only {dark} dark pixels where the title should be");
    }

    [Fact]
    public void Goodput_overview_in_a_lab_is_relative_to_native_with_every_datapath_labelled()
    {
        var text = SvgText.Of(Named("goodput-overhead").Svg);

        Assert.Contains("Encapsulation overhead (bytes per packet, IPv4 underlay)", text);
        Assert.Contains("Goodput relative to native (%)", text);
        Assert.Contains("MTU 1500", text);
        Assert.Contains("MTU 9000", text);
        Assert.Contains("wire overhead alone, MTU 1500", text);
        foreach (var label in new[] { "host", "native", "vxlan", "ipip (userspace)", "wireguard (userspace)" })
            Assert.Equal(2, text.Count(t => t == label));
        Assert.Contains("vxlan+wireguard (userspace): skipped", text);
        Assert.Contains("110", text);
    }

    [Fact]
    public void Goodput_overview_with_a_line_rate_is_in_gbit_per_second_with_the_ceiling_drawn()
    {
        // Given the run measured over a 10 Gbit/s link
        var figure = GoodputOverheadFigure.Build(ReportAnalyzer.Analyze(SampleRun.WithLineRate(10e9)))!;

        // When its text is read
        var text = SvgText.Of(figure.Svg);

        // Then the axis is absolute and each MTU has its ceiling
        Assert.Contains("Goodput (Gbit/s)", text);
        Assert.Contains("ceiling, MTU 1500", text);
        Assert.Contains("ceiling, MTU 9000", text);
        Assert.DoesNotContain("Goodput relative to native (%)", text);
    }

    [Fact]
    public void Cpu_figure_stacks_categories_per_datapath_and_marks_the_skipped_one()
    {
        var text = SvgText.Of(Named("cpu-cost-mtu1500").Svg);

        Assert.Contains("CPU cost (core-seconds per Gbit)", text);
        Assert.Contains("Datapath (encapsulation overhead)", text);
        foreach (var category in new[] { "user", "system", "softirq", "irq" })
            Assert.Contains(category, text);
        Assert.DoesNotContain("nice", text);
        foreach (var path in new[] { "host", "native", "ipip", "vxlan", "wireguard", "vxlan+wireguard" })
            Assert.Contains(path, text);
        Assert.Contains("skipped", text);
        Assert.Contains("50 B", text);
    }

    [Fact]
    public void Latency_figure_shows_p50_and_p99_in_microseconds()
    {
        var text = SvgText.Of(Named("latency-mtu9000").Svg);

        Assert.Contains("Latency per transaction (µs)", text);
        Assert.Contains("p50", text);
        Assert.Contains("p99", text);
        Assert.Contains("wireguard", text);
        // 5 s windows at 1e6 / mean latency transactions per second: about 45,000 to 190,000 per repetition
        Assert.Matches(@"Each repetition's percentiles come from [\d,]+ to [\d,]+ transactions, so its p99 from the slowest [\d,]+ to [\d,]+\.$",
            Named("latency-mtu9000").Caption);
    }

    [Fact]
    public void Timeline_has_a_panel_per_datapath_and_names_the_failed_repetition()
    {
        var text = SvgText.Of(Named("timeline-mtu9000").Svg);

        Assert.Contains("Goodput over time within each cell, underlay MTU 9000", text);
        Assert.Contains("native · 0 B", text);
        Assert.Contains("wireguard (userspace) · 60 B", text);
        Assert.Contains("rep 2 failed", text);
        Assert.Contains("rep 1", text);
        Assert.Equal(5, text.Count(t => t == "Time in measurement window (s)"));
        Assert.Equal(5, text.Count(t => t == "Goodput (Gbit/s)"));
    }

    [Fact]
    public void Offload_figure_shows_each_profile_against_default()
    {
        var text = SvgText.Of(Named("offloads-mtu1500").Svg);

        Assert.Contains("Goodput change vs default (%)", text);
        Assert.Contains("CPU per Gbit change vs default (%)", text);
        Assert.Contains("no-gro", text);
        Assert.Contains("vxlan", text);
        Assert.Contains("−35 %", text);
    }

    [Fact]
    public void A_run_with_one_profile_and_no_request_response_test_has_only_the_figures_its_data_allows()
    {
        // Given only the default profile's stream cells
        var lab = SampleRun.Lab();
        var cells = lab.Cells.Where(c => c.Offloads == "default" && c.Test == TrafficTestNames.TcpStream).ToList();
        var document = lab with { Cells = cells, Summary = ResultsSummarizer.Summarize(cells) };

        // When its figures are built
        var names = ReportFigures.Build(ReportAnalyzer.Analyze(document)).All.Select(f => f.Name).ToList();

        // Then there is no latency and no offload figure
        Assert.Equal(["cost-vs-native", "goodput-overhead", "cpu-cost-mtu1500", "timeline-mtu1500", "cpu-cost-mtu9000", "timeline-mtu9000"], names);
    }
}
