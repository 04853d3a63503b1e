using PerfSuite.Tune.Facts;
using PerfSuite.Tune.Findings;
using PerfSuite.Tune.Rules;

namespace PerfSuite.Tune.Tests.Rules;

internal static class Evaluate
{
    public static IReadOnlyList<Finding> All(TuneFacts facts, TuneOptions? options = null) =>
        TuneAdvisor.Evaluate(facts, options ?? new TuneOptions()).Findings;

    public static IReadOnlyList<Finding> Rule(TuneFacts facts, string rulePrefix, TuneOptions? options = null) =>
        All(facts, options).Where(f => f.Rule.StartsWith(rulePrefix, StringComparison.Ordinal)).ToList();
}
