using System.Text.Json.Serialization;

namespace PerfSuite.Model.Statistics;

/// <summary>Where a Mann–Whitney p-value came from.</summary>
public enum MannWhitneyMethod
{
    /// <summary>The exact null distribution (no ties, m·n ≤ <see cref="MannWhitneyDistribution.MaxExactProduct"/>).</summary>
    [JsonStringEnumMemberName("exact")]
    Exact,

    /// <summary>Normal approximation with tie correction and continuity correction.</summary>
    [JsonStringEnumMemberName("normal")]
    NormalApproximation,
}
