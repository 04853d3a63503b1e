using System.Globalization;
using System.Text;
using PerfSuite.Model.Results;
using PerfSuite.Model.Statistics;
using PerfSuite.Report.Gate;

namespace PerfSuite.Report.Tests.Gate;

/// <summary>Monte Carlo operating characteristics of <see cref="GateDecisionRule"/>: how often it fails, passes
/// or stays inconclusive when the truth is known. Repetitions are log-normal around a run median; a run's median
/// itself drifts by a log-normal run effect of relative size <see cref="Scenario.RunDrift"/> (0 when runs do not
/// drift). Everything is drawn from fixed seeds, so the table is the same on every machine.</summary>
internal static class GateSimulation
{
    public const double Threshold = 0.05;
    public const double Alpha = 0.01;

    /// <param name="Label">What the row shows.</param>
    /// <param name="BaselineRuns">Baseline runs given to the gate (1: within-run model).</param>
    /// <param name="Repetitions">Repetitions per run, baseline and current alike.</param>
    /// <param name="Cv">Coefficient of variation of the repetitions within a run.</param>
    /// <param name="RunDrift">Relative standard deviation of a run's median from run to run.</param>
    /// <param name="ModelHolds">False where the truth breaks the model's assumption (drift with one baseline);
    /// the row is shown to say why, and its error rates are not bounded by α.</param>
    public sealed record Scenario(string Label, int BaselineRuns, int Repetitions, double Cv, double RunDrift, bool ModelHolds = true);

    /// <summary>Rates over the trials of one scenario at one true change.</summary>
    public sealed record Rates(int Trials, int Fail, int Pass, int Inconclusive)
    {
        public double FailRate => (double)Fail / Trials;
        public double PassRate => (double)Pass / Trials;
        public double InconclusiveRate => (double)Inconclusive / Trials;
    }

    /// <summary>One row of the table: the scenario at no change, at −T and at −2T.</summary>
    public sealed record Row(Scenario Scenario, Rates NoChange, Rates AtThreshold, Rates AtTwiceThreshold);

    public static IReadOnlyList<Scenario> Scenarios { get; } =
    [
        new("default: 3 reps, CV 1.5 %", 1, 3, 0.015, 0),
        new("3 reps, CV 5 %", 1, 3, 0.05, 0),
        new("5 reps, CV 1.5 %", 1, 5, 0.015, 0),
        new("5 reps, CV 5 %", 1, 5, 0.05, 0),
        new("10 reps, CV 1.5 %", 1, 10, 0.015, 0),
        new("10 reps, CV 5 %", 1, 10, 0.05, 0),
        new("10 reps, CV 15 %", 1, 10, 0.15, 0),
        new("20 reps, CV 5 %", 1, 20, 0.05, 0),
        new("20 reps, CV 15 %", 1, 20, 0.15, 0),
        new("1 baseline, 10 reps, CV 1.5 %, drift 3 %", 1, 10, 0.015, 0.03, ModelHolds: false),
        new("4 baselines, 3 reps, CV 1.5 %, drift 3 %", 4, 3, 0.015, 0.03),
        new("4 baselines, 10 reps, CV 1.5 %, drift 3 %", 4, 10, 0.015, 0.03),
        new("8 baselines, 10 reps, CV 1.5 %, drift 3 %", 8, 10, 0.015, 0.03),
        new("8 baselines, 10 reps, CV 1.5 %, drift 1 %", 8, 10, 0.015, 0.01),
    ];

    public static Row Run(Scenario scenario, int trials, ulong seed) => new(scenario,
        Simulate(scenario, 0, trials, seed),
        Simulate(scenario, -Threshold, trials, seed + 1),
        Simulate(scenario, -2 * Threshold, trials, seed + 2));

    /// <summary>Trials of one scenario with the current run's true median changed by <paramref name="change"/>
    /// (−0.05 = 5 % less goodput, a metric where higher is better).</summary>
    public static Rates Simulate(Scenario s, double change, int trials, ulong seed)
    {
        var random = new SplitMix64(seed);
        var sigma = Math.Sqrt(Math.Log(1 + s.Cv * s.Cv));
        var drift = Math.Sqrt(Math.Log(1 + s.RunDrift * s.RunDrift));
        var baselines = Enumerable.Range(0, s.BaselineRuns).Select(_ => new double[s.Repetitions]).ToArray();
        var current = new double[s.Repetitions];
        int fail = 0, pass = 0, inconclusive = 0;
        for (var t = 0; t < trials; t++)
        {
            foreach (var run in baselines)
                DrawRun(random, run, 0, sigma, drift);
            DrawRun(random, current, Math.Log(1 + change), sigma, drift);
            var verdict = Decide(baselines, current);
            switch (verdict)
            {
                case GateVerdict.Fail: fail++; break;
                case GateVerdict.Pass or GateVerdict.Warn: pass++; break;
                default: inconclusive++; break;
            }
        }
        return new Rates(trials, fail, pass, inconclusive);
    }

    /// <summary>How often a run of <paramref name="cells"/> unchanged cells (one metric each, one baseline) fails
    /// anywhere: the family-wise false-fail rate the Benjamini–Hochberg adjustment bounds by α.</summary>
    public static Rates SimulateFamily(int cells, int repetitions, double cv, int trials, ulong seed)
    {
        var random = new SplitMix64(seed);
        var sigma = Math.Sqrt(Math.Log(1 + cv * cv));
        var a = new double[repetitions];
        var b = new double[repetitions];
        int fail = 0, pass = 0, inconclusive = 0;
        var family = new List<(ChangeEvidence, double, MetricDirection)>(cells);
        for (var t = 0; t < trials; t++)
        {
            family.Clear();
            for (var c = 0; c < cells; c++)
            {
                DrawRun(random, a, 0, sigma, 0);
                DrawRun(random, b, 0, sigma, 0);
                family.Add((GateDecisionRule.WithinRun(a, b, MetricDirection.HigherIsBetter, Alpha), Threshold, MetricDirection.HigherIsBetter));
            }
            var verdicts = GateDecisionRule.DecideFamily(family, Alpha).Select(d => d.Verdict).ToList();
            if (verdicts.Contains(GateVerdict.Fail))
                fail++;
            else if (verdicts.All(v => v is GateVerdict.Pass or GateVerdict.Warn))
                pass++;
            else
                inconclusive++;
        }
        return new Rates(trials, fail, pass, inconclusive);
    }

    private static GateVerdict Decide(double[][] baselines, double[] current)
    {
        var evidence = baselines.Length == 1
            ? GateDecisionRule.WithinRun(baselines[0], current, MetricDirection.HigherIsBetter, Alpha)
            : GateDecisionRule.RunToRun(baselines, current, MetricDirection.HigherIsBetter, Alpha);
        return evidence is null
            ? GateVerdict.Inconclusive
            : GateDecisionRule.DecideFamily([(evidence, Threshold, MetricDirection.HigherIsBetter)], Alpha)[0].Verdict;
    }

    private static void DrawRun(SplitMix64 random, double[] run, double logChange, double sigma, double drift)
    {
        var median = 9e9 * Math.Exp(logChange + drift * Gaussian(random));
        for (var i = 0; i < run.Length; i++)
            run[i] = median * Math.Exp(sigma * Gaussian(random));
    }

    private static double Gaussian(SplitMix64 random)
    {
        var u1 = 1 - (random.NextUInt64() >> 11) * (1.0 / (1UL << 53));
        var u2 = (random.NextUInt64() >> 11) * (1.0 / (1UL << 53));
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    /// <summary>The Markdown table docs/methodology.md carries between its gate-oc markers.</summary>
    public static string Table(IReadOnlyList<Row> rows, Rates family, int familyCells, int familyReps, double familyCv)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture,
            $"Threshold T = {Threshold:P0}, α = {Alpha:0.##}, goodput (higher is better); {rows[0].NoChange.Trials} trials per cell of the table, seeded.\n\n");
        text.Append("| scenario (per run: repetitions, CV within a run, drift of a run's median) | no change: false fail | no change: pass | no change: inconclusive | −T: fail | −T: false pass | −2T: fail | −2T: pass |\n");
        text.Append("|---|--:|--:|--:|--:|--:|--:|--:|\n");
        foreach (var row in rows)
        {
            var label = row.Scenario.ModelHolds ? row.Scenario.Label : row.Scenario.Label + " (drift not modelled)";
            text.Append(CultureInfo.InvariantCulture,
                $"| {label} | {P(row.NoChange.FailRate)} | {P(row.NoChange.PassRate)} | {P(row.NoChange.InconclusiveRate)} | " +
                $"{P(row.AtThreshold.FailRate)} | {P(row.AtThreshold.PassRate)} | {P(row.AtTwiceThreshold.FailRate)} | {P(row.AtTwiceThreshold.PassRate)} |\n");
        }
        text.Append(CultureInfo.InvariantCulture,
            $"\nA whole run of {familyCells} unchanged cells ({familyReps} reps, CV {familyCv:P0}, one baseline), {family.Trials} trials: " +
            $"the run fails {P(family.FailRate)} of the time, passes {P(family.PassRate)}, is inconclusive {P(family.InconclusiveRate)}.\n");
        return text.ToString();
    }

    private static string P(double rate) => (rate * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %";
}
