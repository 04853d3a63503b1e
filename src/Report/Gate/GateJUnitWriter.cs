using System.Globalization;
using System.Text;
using System.Xml;

namespace PerfSuite.Report.Gate;

/// <summary>The gate's report as JUnit XML, which every CI system shows: one testcase per cell and metric
/// (classname = cell, name = metric), <c>&lt;failure&gt;</c> for a regression, <c>&lt;skipped&gt;</c> for an
/// inconclusive result, the numbers as properties; plus an "environment" testcase.</summary>
public sealed class GateJUnitWriter(Stream output)
{
    public void Write(GateReport report)
    {
        var settings = new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false), NewLineChars = "\n" };
        using var xml = XmlWriter.Create(output, settings);
        var failures = report.Comparisons.Count(c => c.Verdict == GateVerdict.Fail) + (report.FailedOnEnvironment ? 1 : 0) + report.Structural.Count;
        var skipped = report.Comparisons.Count(c => c.Verdict == GateVerdict.Inconclusive);
        var tests = (report.Comparisons.Count + 1 + report.Structural.Count).ToString(CultureInfo.InvariantCulture);

        xml.WriteStartDocument();
        xml.WriteStartElement("testsuites");
        xml.WriteAttributeString("name", "perfsuite gate");
        xml.WriteAttributeString("tests", tests);
        xml.WriteAttributeString("failures", Integer(failures));
        xml.WriteAttributeString("errors", "0");
        xml.WriteAttributeString("skipped", Integer(skipped));
        xml.WriteStartElement("testsuite");
        xml.WriteAttributeString("name", "perfsuite gate");
        xml.WriteAttributeString("tests", tests);
        xml.WriteAttributeString("failures", Integer(failures));
        xml.WriteAttributeString("errors", "0");
        xml.WriteAttributeString("skipped", Integer(skipped));
        xml.WriteStartElement("properties");
        Property(xml, "verdict", GateFormatting.Verdict(report.Verdict));
        Property(xml, "alpha", Number(report.Options.Alpha));
        foreach (var baseline in report.Baselines)
            Property(xml, "baselineRunId", baseline.RunId);
        Property(xml, "model", report.Model == ChangeModel.RunToRun ? "runToRun" : "withinRun");
        Property(xml, "multipleTesting", "benjaminiHochberg");
        Property(xml, "currentRunId", report.Current.RunId);
        foreach (var metric in report.Options.Metrics)
            Property(xml, $"threshold.{metric.Metric.Name}", Number(metric.Threshold));
        xml.WriteEndElement();

        WriteEnvironment(xml, report);
        foreach (var s in report.Structural)
            WriteStructural(xml, s);
        foreach (var c in report.Comparisons)
            WriteComparison(xml, c);

        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteEndDocument();
    }

    private static void WriteEnvironment(XmlWriter xml, GateReport report)
    {
        xml.WriteStartElement("testcase");
        xml.WriteAttributeString("classname", "environment");
        xml.WriteAttributeString("name", "same environment");
        xml.WriteStartElement("properties");
        foreach (var d in report.EnvironmentDifferences)
            Property(xml, d.Item, $"{d.Baseline} → {d.Current}");
        xml.WriteEndElement();
        var text = string.Join("\n", report.EnvironmentDifferences.Select(d => d.ToString()));
        if (report.FailedOnEnvironment)
        {
            xml.WriteStartElement("failure");
            xml.WriteAttributeString("type", "environment");
            xml.WriteAttributeString("message", $"{report.EnvironmentDifferences.Count} environment difference(s) and --require-same-env");
            xml.WriteString(text);
            xml.WriteEndElement();
        }
        else if (text.Length > 0)
        {
            xml.WriteElementString("system-out", text);
        }
        xml.WriteEndElement();
    }

    private static void WriteStructural(XmlWriter xml, StructuralRegression s)
    {
        xml.WriteStartElement("testcase");
        xml.WriteAttributeString("classname", s.Cell.Length == 0 ? "run" : s.Cell);
        xml.WriteAttributeString("name", GateFormatting.Kind(s.Kind));
        xml.WriteStartElement("failure");
        xml.WriteAttributeString("type", "structural");
        xml.WriteAttributeString("message", s.Explanation);
        xml.WriteString(s.Explanation);
        xml.WriteEndElement();
        xml.WriteEndElement();
    }

    private static void WriteComparison(XmlWriter xml, MetricComparison c)
    {
        xml.WriteStartElement("testcase");
        xml.WriteAttributeString("classname", c.Cell.ToString());
        xml.WriteAttributeString("name", c.Metric.Name);
        xml.WriteStartElement("properties");
        Property(xml, "verdict", GateFormatting.Verdict(c.Verdict));
        Property(xml, "direction", c.Metric.Direction == Model.Results.MetricDirection.HigherIsBetter ? "higherIsBetter" : "lowerIsBetter");
        Property(xml, "threshold", Number(c.Threshold));
        Property(xml, "baselineN", Integer(c.BaselineN));
        Property(xml, "currentN", Integer(c.CurrentN));
        Property(xml, "baselineMedian", Number(c.BaselineMedian));
        Property(xml, "currentMedian", Number(c.CurrentMedian));
        Property(xml, "baselineCv", Number(c.BaselineCv));
        Property(xml, "currentCv", Number(c.CurrentCv));
        if (c.Ratio is { } ratio)
        {
            Property(xml, "ratio", Number(ratio.Estimate));
            Property(xml, "ratioLower", Number(ratio.Lower));
            Property(xml, "ratioUpper", Number(ratio.Upper));
            Property(xml, "ratioCoverage", Number(ratio.Coverage));
        }
        Property(xml, "model", c.Model == ChangeModel.RunToRun ? "runToRun" : "withinRun");
        Property(xml, "baselineRuns", Integer(c.BaselineRuns));
        Property(xml, "regressionPValue", Number(c.RegressionPValue));
        Property(xml, "adjustedPValue", Number(c.AdjustedPValue));
        if (c.RunToRunSpread is { } spread)
            Property(xml, "runToRunSpread", Number(spread));
        if (c.BaselineRunsNeeded is { } runs)
            Property(xml, "baselineRunsNeeded", Integer(runs));
        if (c.Test is { } test)
        {
            Property(xml, "pValue", Number(test.PValue));
            Property(xml, "u", Number(test.U));
            Property(xml, "test", test.Method == Model.Statistics.MannWhitneyMethod.Exact ? "mannWhitneyExact" : "mannWhitneyNormal");
        }
        if (c.RepetitionsNeeded is { } needed)
            Property(xml, "repetitionsNeeded", Integer(needed));
        xml.WriteEndElement();

        switch (c.Verdict)
        {
            case GateVerdict.Fail:
                xml.WriteStartElement("failure");
                xml.WriteAttributeString("type", "regression");
                xml.WriteAttributeString("message", c.Explanation);
                xml.WriteString(c.Explanation);
                xml.WriteEndElement();
                break;
            case GateVerdict.Inconclusive:
                xml.WriteStartElement("skipped");
                xml.WriteAttributeString("message", $"inconclusive: {c.Explanation}");
                xml.WriteEndElement();
                break;
            case GateVerdict.Warn:
                xml.WriteElementString("system-out", $"warn: {c.Explanation}");
                break;
            default:
                xml.WriteElementString("system-out", c.Explanation);
                break;
        }
        xml.WriteEndElement();
    }

    private static void Property(XmlWriter xml, string name, string value)
    {
        xml.WriteStartElement("property");
        xml.WriteAttributeString("name", name);
        xml.WriteAttributeString("value", value);
        xml.WriteEndElement();
    }

    private static string Number(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? "";

    private static string Integer(int value) => value.ToString(CultureInfo.InvariantCulture);
}
