using PerfSuite.Tune.Apply;
using PerfSuite.Tune.Verify;

namespace PerfSuite.Tune.Findings;

/// <summary><c>perfsuite tune --format json</c> (<c>perfsuite/tune@1</c>): what was looked at and what was found,
/// and, after <c>--apply</c>, what each change did.</summary>
public sealed record TuneReport(
    string Schema,
    string Hostname,
    string Kernel,
    string? Netns,
    DateTimeOffset TakenUtc,
    TuneAssumptions Assumptions,
    TuneTopologySummary Topology,
    IReadOnlyList<Finding> Findings,
    IReadOnlyList<AppliedFinding>? Applied = null,
    IReadOnlyList<Verification>? Verified = null,
    string? Journal = null,
    IReadOnlyList<NotJudged>? NotJudged = null)
{
    /// <summary>True when every applied change read back as requested.</summary>
    public bool AllTookEffect => Applied is null || Applied.All(a => a.Status == AppliedStatus.Applied);
}

/// <summary>Rules that could not be judged here (set when <c>--iface</c> names interfaces): which, and why — no
/// tunnel device, no underlay, no pod device, or sysctls left out because the findings are limited to
/// interfaces.</summary>
public sealed record NotJudged(IReadOnlyList<string> Rules, string Reason);

/// <summary>The numbers the rules sized their proposals for.</summary>
public sealed record TuneAssumptions(double LinkSpeedBps, string LinkSpeedEvidence, double RoundTripTimeMs,
    double BandwidthDelayProductBytes, int CpuCount, string? Path);

/// <summary>The datapath as the rules saw it.</summary>
public sealed record TuneTopologySummary(
    string? Underlay,
    string UnderlayEvidence,
    string Cni,
    IReadOnlyList<string> Tunnels,
    IReadOnlyList<string> PodDevices,
    int? ExpectedPodMtu,
    string ExpectedPodMtuEvidence);
