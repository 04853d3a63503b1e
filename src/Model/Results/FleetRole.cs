using System.Text.Json.Serialization;

namespace PerfSuite.Model.Results;

/// <summary>Which end of its pairs a host stands out at: a host can be slow to send (segmentation offload off) and
/// normal to receive.</summary>
public enum FleetRole
{
    [JsonStringEnumMemberName("sender")]
    Sender,

    [JsonStringEnumMemberName("receiver")]
    Receiver,
}
