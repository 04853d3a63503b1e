using System.Text.Json.Serialization;

namespace PerfSuite.Report.Gate;

/// <summary>The gate's decision for one cell and metric, and for the whole comparison (methodology §4).</summary>
public enum GateVerdict
{
    /// <summary>The data show the change is within the threshold: the interval's bad end lies inside it.</summary>
    [JsonStringEnumMemberName("pass")]
    Pass,

    /// <summary>A pass whose small regression is nevertheless significant (exit code 0).</summary>
    [JsonStringEnumMemberName("warn")]
    Warn,

    /// <summary>A significant regression (after the family-wide adjustment) whose estimate lies beyond the threshold.</summary>
    [JsonStringEnumMemberName("fail")]
    Fail,

    /// <summary>Neither a pass nor a fail is shown: too few repetitions or baseline runs, or too much noise.</summary>
    [JsonStringEnumMemberName("inconclusive")]
    Inconclusive,
}
