using PerfSuite.Probe.Facts;
using PerfSuite.Tune.Findings;
using PerfSuite.Tune.Rules;

namespace PerfSuite.Tune.Tests.Rules;

internal static class Evaluate
{
    public static IReadOnlyList<Finding> All(NetworkFacts facts, TuneOptions? options = null) =>
        TuneAdvisor.Evaluate(facts, options ?? new TuneOptions()).Findings;

    public static IReadOnlyList<Finding> Rule(NetworkFacts facts, string rulePrefix, TuneOptions? options = null) =>
        All(facts, options).Where(f => f.Rule.StartsWith(rulePrefix, StringComparison.Ordinal)).ToList();
}
