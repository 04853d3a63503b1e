using System.Text.Json.Serialization;

namespace PerfSuite.Model.Results;

/// <summary>How a cell ended. Failed and skipped cells stay in the results with their reason, never dropped.</summary>
public enum CellStatus
{
    [JsonStringEnumMemberName("ok")]
    Ok,

    [JsonStringEnumMemberName("failed")]
    Failed,

    [JsonStringEnumMemberName("skipped")]
    Skipped,
}
