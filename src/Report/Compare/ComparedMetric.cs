using System.Globalization;
using PerfSuite.Model.Results;
using PerfSuite.Model.Statistics;
using PerfSuite.Report.Analysis;

namespace PerfSuite.Report.Compare;

/// <summary>A measured metric compare shows per datapath, how it reads it from a measurement, which way is
/// better, and how it is written: one unit for every input (goodput always in Gbit/s), so columns compare at a glance.</summary>
/// <param name="Ranked">Whether compare ranks the inputs by it (goodput, CPU per Gbit, p99 latency).</param>
internal sealed record ComparedMetric(
    string Name,
    MetricDirection Direction,
    Func<DatapathMeasurement, MetricSummary?> Read,
    Func<double, string> Number,
    string Unit,
    bool Ranked)
{
    public static readonly ComparedMetric Goodput = new("goodput", MetricDirection.HigherIsBetter, m => m.Goodput, ReportNumbers.Gbit, "Gbit/s", true);
    public static readonly ComparedMetric CpuPerGbit = new("CPU per Gbit", MetricDirection.LowerIsBetter, m => m.CpuPerGbit, ReportNumbers.Cores, "core·s/Gbit", true);
    public static readonly ComparedMetric LatencyP99 = new("p99 latency", MetricDirection.LowerIsBetter, m => m.LatencyP99, v => ReportNumbers.Number(v, 3), "µs", true);
    public static readonly ComparedMetric Transactions = new("transactions", MetricDirection.HigherIsBetter, m => m.TransactionsPerSecond,
        v => ReportNumbers.Count(Math.Round(v)), "tx/s", false);

    public static IReadOnlyList<ComparedMetric> All { get; } = [Goodput, CpuPerGbit, LatencyP99, Transactions];

    /// <summary>"8.94 Gbit/s".</summary>
    public string Value(double value) => $"{Number(value)} {Unit}";

    /// <summary>"8.94 Gbit/s (8.77 … 9.12, range of 3: 75 %)": the median, its interval and that interval's true
    /// coverage of the median with the repetitions it came from.</summary>
    public string WithInterval(MetricSummary summary) =>
        summary.N > 1 && summary.Lower < summary.Upper
            ? string.Create(CultureInfo.InvariantCulture,
                $"{Value(summary.Median)} ({Number(summary.Lower)} … {Number(summary.Upper)}, {CoverageText.Short(summary.N, summary.Rank, summary.Coverage)})")
            : string.Create(CultureInfo.InvariantCulture, $"{Value(summary.Median)} (n {summary.N})");
}
