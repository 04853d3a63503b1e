using PerfSuite.Model.Results;

namespace PerfSuite.Report.Gate;

/// <summary>The gate's report as plain text for a terminal or a CI log: verdict first, then what differs in the
/// environment, the table, and a sentence for every result that is not a plain pass.</summary>
public sealed class GateConsoleWriter(TextWriter output)
{
    public void Write(GateReport report)
    {
        output.WriteLine(GateFormatting.Headline(report));
        foreach (var line in GateFormatting.Baselines(report))
            output.WriteLine(line);
        output.WriteLine($"current  {GateFormatting.Run(report.Current)}");
        output.WriteLine(GateFormatting.Settings(report));
        output.WriteLine();

        if (report.EnvironmentDifferences.Count == 0)
        {
            output.WriteLine("Environment: same kernel, CPU, sysctls, drivers, firmware, offloads and MTUs.");
        }
        else
        {
            output.WriteLine($"Environment: {report.EnvironmentDifferences.Count} difference(s){(report.FailedOnEnvironment ? " (fails the gate: --require-same-env)" : "")}");
            foreach (var difference in report.EnvironmentDifferences)
                output.WriteLine($"  {difference}");
        }
        output.WriteLine();

        if (report.Structural.Count > 0)
        {
            output.WriteLine($"Structural regressions ({report.Structural.Count}, each fails the gate):");
            foreach (var s in report.Structural)
                output.WriteLine($"  {GateFormatting.Kind(s.Kind)}: {s}");
            output.WriteLine();
        }

        string[] header = ["cell", "metric", "baseline", "current", "change", "interval", "p adj", "n", "CV", "verdict"];
        var rows = report.Comparisons.Select(c => new[]
        {
            c.Cell.ToString(), c.Metric.Name, GateFormatting.Value(c.Metric, c.BaselineMedian), GateFormatting.Value(c.Metric, c.CurrentMedian),
            GateFormatting.Change(c), GateFormatting.Interval(c), GateFormatting.PValue(c), GateFormatting.Repetitions(c),
            GateFormatting.Cv(c), GateFormatting.Verdict(c.Verdict),
        }).ToList();
        var widths = header.Select((h, i) => rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        output.WriteLine(Line(header, widths));
        foreach (var row in rows)
            output.WriteLine(Line(row, widths));

        var notes = report.Comparisons.Where(c => c.Verdict != GateVerdict.Pass).ToList();
        if (notes.Count > 0)
        {
            output.WriteLine();
            foreach (var c in notes)
                output.WriteLine($"{GateFormatting.Verdict(c.Verdict).ToUpperInvariant()} {c.Cell} {c.Metric.Name}: {c.Explanation}");
        }
        WriteUnmatched("only in the baseline (not compared)", report.OnlyInBaseline);
        WriteUnmatched("only in the current run (not compared)", report.OnlyInCurrent);
    }

    private void WriteUnmatched(string title, IReadOnlyList<CellGroupKey> keys)
    {
        if (keys.Count == 0)
            return;
        output.WriteLine();
        output.WriteLine($"Cells {title}:");
        foreach (var key in keys)
            output.WriteLine($"  {key}");
    }

    private static string Line(string[] cells, int[] widths) =>
        string.Join("  ", cells.Select((c, i) => i is 0 or 1 or 9 ? c.PadRight(widths[i]) : c.PadLeft(widths[i]))).TrimEnd();
}
