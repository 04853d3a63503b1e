using System.Text.Json.Serialization;

namespace PerfSuite.Report.Compare;

/// <summary>Who segments an encapsulation's packets on one interface.</summary>
public enum EncapsulationVerdict
{
    /// <summary>The NIC.</summary>
    [JsonStringEnumMemberName("hardware")]
    Hardware,

    /// <summary>A virtual device passes the packets on unsegmented; whatever comes after decides.</summary>
    [JsonStringEnumMemberName("deferred")]
    Deferred,

    /// <summary>The kernel, although the NIC could: the feature is off but changeable.</summary>
    [JsonStringEnumMemberName("software-nic-capable")]
    SoftwareNicCapable,

    /// <summary>The kernel (software GSO), because the NIC cannot or no NIC can.</summary>
    [JsonStringEnumMemberName("software")]
    Software,

    /// <summary>The input has no features for the interface.</summary>
    [JsonStringEnumMemberName("unknown")]
    Unknown,
}
