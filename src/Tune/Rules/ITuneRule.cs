using PerfSuite.Tune.Findings;

namespace PerfSuite.Tune.Rules;

/// <summary>A check over one namespace's facts. Rules are pure: the same context gives the same findings.</summary>
public interface ITuneRule
{
    /// <summary>The finding rules this check can report, with the reference each cites.</summary>
    IReadOnlyList<RuleDescription> Describes { get; }

    IEnumerable<Finding> Evaluate(TuneContext context);
}

/// <summary>One entry of the findings catalogue.</summary>
public sealed record RuleDescription(string Id, string Title, string Source);
