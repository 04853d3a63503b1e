using PerfSuite.Model.Results;
using PerfSuite.Report.Analysis;

namespace PerfSuite.Report.Tests.Analysis;

public sealed class FlagGroupsTests
{
    private static readonly Lazy<ReportAnalysis> Baseline = new(() => ReportAnalyzer.Analyze(ResultsReader.Load(RepositoryPaths.DefaultBaseline)));

    [Fact]
    public void The_default_baseline_has_at_most_fifteen_top_level_flag_items()
    {
        // Given the committed default lab run (34 flags, most of them noisy cells and retransmits)
        var analysis = Baseline.Value;

        // When its flags are grouped
        var groups = FlagGroups.Of(analysis);

        // Then one line per kind remains, and every flag is still there, folded under its line
        Assert.InRange(groups.Count, 1, 15);
        Assert.Equal(analysis.Flags.Count, groups.Sum(g => g.Flags.Count));
        Assert.Equal(groups.Count, groups.Select(g => g.Kind).Distinct().Count());
    }

    [Fact]
    public void A_group_line_names_its_count_and_its_worst_case()
    {
        var variation = Assert.Single(FlagGroups.Of(Baseline.Value), g => g.Kind == ReportFlagKind.HighVariation);

        Assert.Equal("Repetitions disagree", variation.Title);
        Assert.StartsWith("CV above 10 % in 26 of 32 groups, worst goodput CV 83 % on wireguard/userspace mtu 9000 default tcp-stream ×1",
            variation.Headline, StringComparison.Ordinal);
        Assert.Equal(variation.Flags.Max(f => f.Severity), variation.Flags[0].Severity);
    }

    [Fact]
    public void A_row_note_on_cpu_accounting_names_the_test_it_comes_from()
    {
        // Given the committed default run, where same-node at MTU 1500 has incomplete accounting in both its tests
        var flags = Baseline.Value.Flags
            .Where(f => f.Kind == ReportFlagKind.CpuAccounting && f.Subject.StartsWith("same-node/kernel mtu 1500 ", StringComparison.Ordinal))
            .ToList();

        // Then each of the row's two notes says which test it is about, so they are not two bare percentages
        Assert.Equal(["tcp-rr CPU 87 % accounted", "tcp-stream CPU 108 % accounted"], flags.Select(f => f.Short).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Failed_repetitions_make_a_problem_line()
    {
        var failed = Assert.Single(FlagGroups.Of(ReportAnalyzer.Analyze(SampleRun.Lab())), g => g.Kind == ReportFlagKind.Failed);

        Assert.True(failed.IsProblem);
        Assert.StartsWith("in 1 of ", failed.Headline, StringComparison.Ordinal);
        Assert.Contains("ipip/userspace mtu 9000 default tcp-stream ×1", failed.Headline, StringComparison.Ordinal);
    }
}
