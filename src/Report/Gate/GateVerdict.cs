using System.Text.Json.Serialization;

namespace PerfSuite.Report.Gate;

/// <summary>The gate's decision for one cell and metric, and for the whole comparison (methodology §4).</summary>
public enum GateVerdict
{
    /// <summary>No significant regression, and the runs could have seen one of the threshold's size.</summary>
    [JsonStringEnumMemberName("pass")]
    Pass,

    /// <summary>A significant regression, but not wholly beyond the threshold.</summary>
    [JsonStringEnumMemberName("warn")]
    Warn,

    /// <summary>A significant regression whose whole interval lies beyond the threshold.</summary>
    [JsonStringEnumMemberName("fail")]
    Fail,

    /// <summary>Too few repetitions to ever reach α, or too noisy to see a change of the threshold's size.</summary>
    [JsonStringEnumMemberName("inconclusive")]
    Inconclusive,
}
