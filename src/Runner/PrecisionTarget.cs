using System.Globalization;
using PerfSuite.LoadGen.Traffic;
using PerfSuite.Model.Errors;
using PerfSuite.Model.Results;
using PerfSuite.Model.Statistics;

namespace PerfSuite.Runner;

/// <summary>Sequential repetitions (<c>--precision</c>, docs/methodology.md "Sequential repetitions"): after the first
/// <see cref="RunSpec.Repetitions"/> rounds, further interleaved rounds run only the cells whose headline metric's
/// median interval, at <see cref="Level"/> coverage, is still wider than ± <see cref="HalfWidth"/> of the median —
/// until every cell is within it, a cell reaches <see cref="MaxRepetitions"/>, or the run reaches
/// <see cref="MaxTime"/>. netperf's <c>-I 99,5 -i 30,3</c> is the anchor; it repeats every test while any is wide.</summary>
/// <param name="HalfWidth">Target half-width of the interval, relative to the median (0.05 for 5 %).</param>
/// <param name="Level">Coverage the interval must have (0.95): below 6 repetitions no order-statistic interval does.</param>
/// <param name="MaxRepetitions">Most repetitions of one cell.</param>
/// <param name="MaxTime">Most wall time for the whole run, bring-up included; null for no limit.</param>
public sealed record PrecisionTarget(double HalfWidth, double Level = MedianInterval.DefaultConfidence, int MaxRepetitions = PrecisionTarget.DefaultMaxRepetitions,
    TimeSpan? MaxTime = null)
{
    public const int DefaultMaxRepetitions = 30;

    /// <summary>The default <c>perfsuite run</c>'s budget: its first rounds take about 3 min on two cores, and what is
    /// left goes to the cells whose intervals are widest.</summary>
    public static readonly TimeSpan DefaultRunBudget = TimeSpan.FromMinutes(4);

    /// <summary>A time budget instead of a precision target (<c>--max-time</c> without <c>--precision</c>, and the
    /// default run): after the first rounds, each further round repeats the cells whose interval is at least as wide
    /// as the median cell's, widest first, as many as the time left before <see cref="MaxTime"/> holds at the stage's
    /// average cell duration; no half-width is ever "met".</summary>
    public bool SpendsBudget { get; init; }

    /// <summary>The budget form: <paramref name="maxTime"/> for the whole run, spent where the variance is.</summary>
    public static PrecisionTarget Budget(TimeSpan maxTime, int maxRepetitions = DefaultMaxRepetitions) =>
        new(0, MedianInterval.DefaultConfidence, maxRepetitions, maxTime) { SpendsBudget = true };

    public void Validate(int minimumRepetitions)
    {
        if (SpendsBudget && MaxTime is null)
            throw Invalid("a time budget needs --max-time");
        if (!SpendsBudget && !(HalfWidth > 0 && HalfWidth < 1))
            throw Invalid(string.Create(CultureInfo.InvariantCulture, $"--precision must be more than 0 % and less than 100 %, not {HalfWidth * 100:0.###} %"));
        if (!(Level > 0 && Level < 1))
            throw Invalid(string.Create(CultureInfo.InvariantCulture, $"--confidence must be more than 0 % and less than 100 %, not {Level * 100:0.###} %"));
        if (MaxRepetitions < minimumRepetitions || MaxRepetitions > 1000)
            throw Invalid($"--max-reps must be between --reps ({minimumRepetitions}) and 1000, not {MaxRepetitions}");
        if (MaxTime is { } t && t <= TimeSpan.Zero)
            throw Invalid("--max-time must be longer than zero");
    }

    /// <summary>The metric a test's precision is judged on: goodput for stream tests, transactions or connections per
    /// second for the others (the number the run summary leads with).</summary>
    public static ResultMetric HeadlineMetric(TestKind test) => test switch
    {
        TestKind.TcpRr => ResultMetrics.TransactionsPerSecond,
        TestKind.TcpCrr => ResultMetrics.ConnectionsPerSecond,
        _ => ResultMetrics.GoodputBps,
    };

    /// <summary>The interval of a cell's repetitions so far, or null with fewer than two ok values.</summary>
    public ConfidenceInterval? IntervalOf(TestKind test, IEnumerable<CellResult> repetitions)
    {
        var metric = HeadlineMetric(test);
        var values = repetitions.Where(c => c.Status == CellStatus.Ok).Select(metric.Read).OfType<double>().ToArray();
        return values.Length < 2 ? null : MedianInterval.Compute(values, Level);
    }

    /// <summary>Relative half-width of <paramref name="interval"/>: (upper − lower) / 2 / |median|.</summary>
    public static double RelativeHalfWidth(ConfidenceInterval interval) =>
        interval.Estimate == 0 ? double.PositiveInfinity : (interval.Upper - interval.Lower) / 2 / Math.Abs(interval.Estimate);

    /// <summary>True when the cell's interval reaches the level and is no wider than the target.</summary>
    public bool IsMet(TestKind test, IEnumerable<CellResult> repetitions) =>
        IntervalOf(test, repetitions) is { } interval && interval.ReachesLevel && RelativeHalfWidth(interval) <= HalfWidth;

    /// <summary>Budget form: of <paramref name="cells"/>, those the next round repeats — the ones whose interval's
    /// relative half-width is at least the median cell's, below <see cref="MaxRepetitions"/>, widest first, at most
    /// <paramref name="fit"/> of them — returned in the order given (so rounds stay interleaved).</summary>
    public List<T> Widest<T>(IReadOnlyList<T> cells, Func<T, TestKind> test, Func<T, IReadOnlyList<CellResult>> repetitions, int fit)
    {
        var widths = cells
            .Select(c => (Cell: c, Count: repetitions(c).Count, Interval: IntervalOf(test(c), repetitions(c))))
            .Where(c => c.Interval is not null)
            .Select(c => (c.Cell, c.Count, Width: RelativeHalfWidth(c.Interval!)))
            .Where(c => double.IsFinite(c.Width))
            .ToList();
        if (widths.Count == 0 || fit <= 0)
            return [];
        var median = SampleStatistics.Median(widths.Select(w => w.Width).ToArray());
        var chosen = widths.Where(w => w.Width > 0 && w.Width >= median && w.Count < MaxRepetitions)
            .OrderByDescending(w => w.Width).Take(fit).Select(w => w.Cell).ToHashSet();
        return cells.Where(chosen.Contains).ToList();
    }

    private static PerfSuiteException Invalid(string message) => new(ErrorReason.InvalidArgument, message);
}
