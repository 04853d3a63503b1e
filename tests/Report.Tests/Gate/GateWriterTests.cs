using System.Xml.Linq;
using PerfSuite.Model.Results;
using PerfSuite.Report.Gate;

namespace PerfSuite.Report.Tests.Gate;

public sealed class GateWriterTests
{
    // A run with three cells: vxlan fails (10 % drop), native passes, ipip has 3 repetitions (inconclusive),
    // and the kernel differs.
    private static readonly GateReport Report = BuildReport();

    [Fact]
    public void JUnit_has_a_testcase_per_cell_and_metric_with_failures_skips_and_numbers()
    {
        // When
        using var stream = new MemoryStream();
        new GateJUnitWriter(stream).Write(Report);
        stream.Position = 0;
        var xml = XDocument.Load(stream);

        // Then
        var suite = xml.Root!.Element("testsuite")!;
        var cases = suite.Elements("testcase").ToList();
        Assert.Equal(Report.Comparisons.Count + 1, cases.Count);
        Assert.Equal("1", suite.Attribute("failures")!.Value);
        Assert.Equal("1", suite.Attribute("skipped")!.Value);
        var vxlan = cases.Single(c => c.Attribute("classname")!.Value.StartsWith("vxlan", StringComparison.Ordinal));
        Assert.Equal("goodputBps", vxlan.Attribute("name")!.Value);
        Assert.Equal("regression", vxlan.Element("failure")!.Attribute("type")!.Value);
        Assert.Contains("regressed", vxlan.Element("failure")!.Attribute("message")!.Value);
        var properties = vxlan.Element("properties")!.Elements("property").ToDictionary(p => p.Attribute("name")!.Value, p => p.Attribute("value")!.Value);
        Assert.Equal("fail", properties["verdict"]);
        Assert.Equal("10", properties["baselineN"]);
        Assert.InRange(double.Parse(properties["ratio"], System.Globalization.CultureInfo.InvariantCulture), 0.85, 0.95);
        Assert.True(double.Parse(properties["pValue"], System.Globalization.CultureInfo.InvariantCulture) < 0.01);
        var ipip = cases.Single(c => c.Attribute("classname")!.Value.StartsWith("ipip", StringComparison.Ordinal));
        Assert.StartsWith("inconclusive", ipip.Element("skipped")!.Attribute("message")!.Value);
        Assert.Equal("5", ipip.Element("properties")!.Elements("property").Single(p => p.Attribute("name")!.Value == "repetitionsNeeded").Attribute("value")!.Value);
        var environment = cases.Single(c => c.Attribute("classname")!.Value == "environment");
        Assert.Contains("kernel: 6.18.0 → 6.19.0", environment.Element("system-out")!.Value);
        Assert.Null(environment.Element("failure"));
    }

    [Fact]
    public void Markdown_states_the_verdict_the_environment_and_a_row_per_comparison()
    {
        var writer = new StringWriter();

        new GateMarkdownWriter(writer).Write(Report);
        var markdown = writer.ToString();

        Assert.StartsWith("## ❌ PerfSuite gate: FAIL (1 pass, 1 fail, 1 inconclusive)", markdown);
        Assert.Contains("| kernel | 6.18.0 | 6.19.0 |", markdown);
        var rows = markdown.Split('\n').Where(l => l.StartsWith("| vxlan", StringComparison.Ordinal) || l.StartsWith("| native", StringComparison.Ordinal) || l.StartsWith("| ipip", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, rows.Count);
        // Ten columns: eleven unescaped pipes in every row
        Assert.All(rows, r => Assert.Equal(11, System.Text.RegularExpressions.Regex.Count(r, @"(?<!\\)\|")));
        Assert.Contains("❌ fail |", rows.Single(r => r.StartsWith("| vxlan", StringComparison.Ordinal)));
        Assert.Contains("goodputBps", markdown);
    }

    [Fact]
    public void Console_table_lists_every_comparison_and_explains_what_did_not_pass()
    {
        var writer = new StringWriter();

        new GateConsoleWriter(writer).Write(Report);
        var text = writer.ToString();

        Assert.StartsWith("PerfSuite gate: FAIL", text);
        Assert.Contains("Environment: 1 difference(s)", text);
        Assert.Contains("FAIL vxlan/kernel mtu 1500 default tcp-stream ×1 goodputBps: regressed", text);
        Assert.Contains("INCONCLUSIVE ipip/kernel mtu 1500 default tcp-stream ×1 goodputBps: with 3 and 3 repetitions", text);
        Assert.Contains("Gbit/s", text);
    }

    [Fact]
    public void GitHub_annotations_are_errors_for_failures_and_warnings_otherwise_with_percent_escaped()
    {
        var writer = new StringWriter();

        new GitHubAnnotationWriter(writer).Write(Report);
        var lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(3, lines.Length);
        Assert.StartsWith("::warning title=PerfSuite gate::environment differs: kernel: 6.18.0 → 6.19.0", lines[0]);
        var error = Assert.Single(lines, l => l.StartsWith("::error ", StringComparison.Ordinal));
        Assert.Contains("vxlan/kernel", error);
        Assert.Contains("%25", error);
        Assert.DoesNotContain(" %", error.Replace("%25", ""));
        Assert.StartsWith("::warning title=PerfSuite gate::inconclusive: ipip", lines[2]);
    }

    [Fact]
    public void Structural_regressions_and_several_baselines_reach_every_output()
    {
        // Given two baseline runs with vxlan in the kernel and a current run where vxlan fell back to userspace
        var values = SyntheticRuns.Quantiles(10, 9e9, 0.015);
        ResultsDocument Baseline(string id, double f) => SyntheticRuns.Document(id,
            SyntheticRuns.StreamCells("native", values.Select(v => v * f).ToArray()).Concat(SyntheticRuns.StreamCells("vxlan", values)));
        var current = SyntheticRuns.Document("pr-78", SyntheticRuns.StreamCells("native", values)
            .Concat(SyntheticRuns.StreamCells("vxlan", values).Select(c => c with { Impl = Model.Datapaths.DatapathImplementation.Userspace })));
        var report = RegressionGate.Evaluate([Baseline("nightly-1", 1.01), Baseline("nightly-2", 0.99)], current,
            new GateOptions([new GateMetric(ResultMetrics.GoodputBps, 0.05)]));

        // When
        var console = new StringWriter();
        new GateConsoleWriter(console).Write(report);
        var markdown = new StringWriter();
        new GateMarkdownWriter(markdown).Write(report);
        using var stream = new MemoryStream();
        new GateJUnitWriter(stream).Write(report);
        stream.Position = 0;
        var xml = XDocument.Load(stream);
        var annotations = new StringWriter();
        new GitHubAnnotationWriter(annotations).Write(report);

        // Then each names the structural regression, the baselines and the run-to-run model
        Assert.StartsWith("PerfSuite gate: FAIL", console.ToString());
        Assert.Contains("1 structural regression(s)", console.ToString());
        Assert.Contains("kernel → userspace: vxlan/kernel mtu 1500 default tcp-stream ×1: vxlan ran in userspace", console.ToString());
        Assert.Contains("baseline nightly-1", console.ToString());
        Assert.Contains("baseline nightly-2", console.ToString());
        Assert.Contains("run-to-run against 2 baseline runs", console.ToString());
        Assert.Contains("### Structural regressions", markdown.ToString());
        Assert.Contains("❌ **kernel → userspace**", markdown.ToString());
        var structural = xml.Descendants("failure").Single(f => f.Attribute("type")!.Value == "structural");
        Assert.Contains("vxlan ran in userspace", structural.Attribute("message")!.Value);
        Assert.Equal(["nightly-1", "nightly-2"], xml.Descendants("property")
            .Where(p => p.Attribute("name")!.Value == "baselineRunId").Select(p => p.Attribute("value")!.Value));
        Assert.Contains("::error title=PerfSuite gate::kernel → userspace: vxlan/kernel", annotations.ToString());
    }

    private static GateReport BuildReport()
    {
        var vxlanA = SyntheticRuns.Draw(10, 9e9, 0.02, 1);
        var vxlanB = SyntheticRuns.Draw(10, 8.1e9, 0.02, 2);
        var nativeA = SyntheticRuns.Draw(10, 9.4e9, 0.01, 3);
        var nativeB = SyntheticRuns.Draw(10, 9.4e9, 0.01, 4);
        var ipipA = SyntheticRuns.Draw(3, 9.2e9, 0.01, 5);
        var ipipB = SyntheticRuns.Draw(3, 9.2e9, 0.01, 6);
        var baseline = SyntheticRuns.Document("nightly-41",
            SyntheticRuns.StreamCells("vxlan", vxlanA).Concat(SyntheticRuns.StreamCells("native", nativeA)).Concat(SyntheticRuns.StreamCells("ipip", ipipA)));
        var current = SyntheticRuns.Document("pr-77",
            SyntheticRuns.StreamCells("vxlan", vxlanB).Concat(SyntheticRuns.StreamCells("native", nativeB)).Concat(SyntheticRuns.StreamCells("ipip", ipipB)),
            SyntheticRuns.Environment(kernel: "6.19.0"));
        return RegressionGate.Evaluate(baseline, current, new GateOptions([new GateMetric(Model.Results.ResultMetrics.GoodputBps, 0.05)]));
    }
}
