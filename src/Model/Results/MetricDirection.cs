using System.Text.Json.Serialization;

namespace PerfSuite.Model.Results;

/// <summary>Which way a metric gets better; a gate calls a change in the other direction a regression.</summary>
public enum MetricDirection
{
    [JsonStringEnumMemberName("higherIsBetter")]
    HigherIsBetter,

    [JsonStringEnumMemberName("lowerIsBetter")]
    LowerIsBetter,
}
