using PerfSuite.Probe.Facts;
using PerfSuite.Tune.Findings;

namespace PerfSuite.Tune.Rules;

/// <summary>Whether a sysctl finding can be applied where PerfSuite tunes: a host-wide value is advice while a
/// namespace is tuned (tuning a namespace never touches the host), and a read-only one is advice everywhere.</summary>
internal static class SysctlActions
{
    public static (FindingAction Action, string? Note) For(TuneContext context, SysctlFact fact)
    {
        if (fact.Scope == SysctlScope.Host && context.TuningANamespace)
            return (FindingAction.Advise,
                $"advice only: {fact.Key} is host-wide, not per network namespace (read in the host's namespace); run perfsuite tune without --netns on the host to change it");
        if (!fact.Writable)
            return (FindingAction.Advise, $"advice only: {fact.Key} is read-only here");
        return (FindingAction.Apply, null);
    }
}
