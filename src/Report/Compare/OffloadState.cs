using System.Text.Json.Serialization;

namespace PerfSuite.Report.Compare;

/// <summary>What an interface does about one offload (<see cref="OffloadAspect"/>).</summary>
public enum OffloadState
{
    /// <summary>On, on a NIC: the hardware does it.</summary>
    [JsonStringEnumMemberName("hardware")]
    Hardware,

    /// <summary>On, on a virtual device: the packet is passed on unprocessed and the work happens later (at a
    /// NIC, or in software).</summary>
    [JsonStringEnumMemberName("deferred")]
    Deferred,

    /// <summary>Off, but changeable: the device can do it and <c>ethtool -K</c> would turn it on.</summary>
    [JsonStringEnumMemberName("disabled")]
    Disabled,

    /// <summary>Off and fixed: the device cannot; the kernel does it in software.</summary>
    [JsonStringEnumMemberName("unsupported")]
    Unsupported,

    /// <summary>The input's kernel has no such feature (too old), so it is done in software.</summary>
    [JsonStringEnumMemberName("absent")]
    Absent,

    /// <summary>The input has no feature list for this interface.</summary>
    [JsonStringEnumMemberName("unknown")]
    Unknown,
}
