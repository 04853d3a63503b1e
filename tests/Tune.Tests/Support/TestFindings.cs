using PerfSuite.Tune.Changes;
using PerfSuite.Tune.Findings;

namespace PerfSuite.Tune.Tests.Support;

internal static class TestFindings
{
    public static Finding Apply(string id, params TuneSetting[] changes) =>
        new(id, id.Split('@')[0], FindingSubject.Interface(changes[0].InterfaceName() ?? "-"), "now", "then", "why", "source",
            "effect", "risk", RiskLevel.Low, FindingAction.Apply, changes);
}
