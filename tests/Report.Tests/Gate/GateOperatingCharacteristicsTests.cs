using PerfSuite.Model.Results;

namespace PerfSuite.Report.Tests.Gate;

/// <summary>The gate's operating characteristics by simulation (issue 14): the rule's error rates stay within α
/// where its model holds, and the table in docs/methodology.md is exactly what this simulation produces.</summary>
public sealed class GateOperatingCharacteristicsTests
{
    private const int Trials = 4000;
    private const int FamilyCells = 50;
    private const int FamilyTrials = 400;
    private const string Begin = "<!-- gate-oc:begin (written by GateOperatingCharacteristicsTests; PERFSUITE_WRITE_DOCS=1 rewrites it) -->";
    private const string End = "<!-- gate-oc:end -->";

    /// <summary>Monte Carlo allowance: three standard errors of a rate α estimated from <see cref="Trials"/> trials.</summary>
    private static readonly double Allowance = 3 * Math.Sqrt(GateSimulation.Alpha * (1 - GateSimulation.Alpha) / Trials);

    [Fact]
    public void False_fail_and_false_pass_rates_stay_within_alpha_and_the_methodology_table_is_the_simulation()
    {
        // Given every scenario of the table, seeded
        var rows = GateSimulation.Scenarios.Select((s, i) => GateSimulation.Run(s, Trials, 1000 + 10 * (ulong)i)).ToList();
        var family = GateSimulation.SimulateFamily(FamilyCells, 10, 0.05, FamilyTrials, 77);

        // Then where the model holds, no change fails at most α of the time and a change of exactly −T passes at most
        // α of the time (within three Monte Carlo standard errors)
        foreach (var row in rows.Where(r => r.Scenario.ModelHolds))
        {
            Assert.True(row.NoChange.FailRate <= GateSimulation.Alpha + Allowance, $"{row.Scenario.Label}: false fail {row.NoChange.FailRate}");
            Assert.True(row.AtThreshold.PassRate <= GateSimulation.Alpha + Allowance, $"{row.Scenario.Label}: false pass {row.AtThreshold.PassRate}");
        }
        // And a run of 50 unchanged cells fails as a whole at most α of the time (false-discovery control)
        var familyAllowance = 3 * Math.Sqrt(GateSimulation.Alpha * (1 - GateSimulation.Alpha) / FamilyTrials);
        Assert.True(family.FailRate <= GateSimulation.Alpha + familyAllowance, $"family false fail {family.FailRate}");
        // And with drift between runs and one baseline, the within-run model fails unchanged runs far more often
        // than α: the reason for several baselines
        var drifting = rows.Single(r => !r.Scenario.ModelHolds);
        Assert.True(drifting.NoChange.FailRate > 5 * GateSimulation.Alpha, $"drift with one baseline: false fail {drifting.NoChange.FailRate}");
        // And enough repetitions detect a regression of twice the threshold almost always
        Assert.True(rows.Single(r => r.Scenario.Label == "10 reps, CV 1.5 %").AtTwiceThreshold.FailRate > 0.99);

        // And docs/methodology.md carries exactly this table
        var table = GateSimulation.Table(rows, family, FamilyCells, 10, 0.05);
        DocumentedTable.AssertIsIn(Path.Combine("docs", "methodology.md"), Begin, End, table);
    }

    [Fact]
    public void A_rule_that_ignored_significance_would_exceed_alpha()
    {
        // Given the noisiest scenario with no change, judged by the estimate alone (the check above must be able to fail)
        var scenario = new GateSimulation.Scenario("10 reps, CV 15 %", 1, 10, 0.15, 0);
        var random = new Model.Statistics.SplitMix64(5);
        var beyond = 0;
        for (var t = 0; t < 2000; t++)
        {
            var a = Enumerable.Range(0, 10).Select(_ => Draw(random, scenario.Cv)).ToArray();
            var b = Enumerable.Range(0, 10).Select(_ => Draw(random, scenario.Cv)).ToArray();
            if (Report.Gate.GateDecisionRule.IsBeyond(Model.Statistics.HodgesLehmann.Ratio(a, b).Estimate, GateSimulation.Threshold, MetricDirection.HigherIsBetter))
                beyond++;
        }

        // Then "estimate beyond T" alone fails an unchanged run far more often than α, while the rule does not
        Assert.True(beyond / 2000.0 > 10 * GateSimulation.Alpha);
        Assert.True(GateSimulation.Simulate(scenario, 0, 2000, 5).FailRate <= GateSimulation.Alpha + Allowance);
    }

    private static double Draw(Model.Statistics.SplitMix64 random, double cv) =>
        9e9 * Math.Exp(Math.Sqrt(Math.Log(1 + cv * cv)) * Math.Sqrt(-2 * Math.Log(1 - (random.NextUInt64() >> 11) * (1.0 / (1UL << 53))))
            * Math.Cos(2 * Math.PI * (random.NextUInt64() >> 11) * (1.0 / (1UL << 53))));
}
