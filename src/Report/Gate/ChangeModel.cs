using System.Text.Json.Serialization;

namespace PerfSuite.Report.Gate;

/// <summary>Which variance the gate judged a change against.</summary>
public enum ChangeModel
{
    /// <summary>One baseline run: the repetitions of the current run against those of the baseline (Mann–Whitney,
    /// Hodges–Lehmann ratio with Moses' interval). Only the noise within a run is modelled; drift between runs is
    /// not, so a real gate on a shared runner wants several baselines.</summary>
    [JsonStringEnumMemberName("withinRun")]
    WithinRun,

    /// <summary>Two or more baseline runs: the current run's median against the spread of the baseline runs'
    /// medians (Student t on log medians, k − 1 degrees of freedom), which contains the drift between runs.</summary>
    [JsonStringEnumMemberName("runToRun")]
    RunToRun,
}
