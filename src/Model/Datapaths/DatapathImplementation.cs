using System.Text.Json.Serialization;

namespace PerfSuite.Model.Datapaths;

/// <summary>Whether a datapath ran in the kernel or in a userspace substitute (wireguard-go, PerfSuite's TUN
/// IPIP encapsulator) because the running kernel lacks the module. Every result records it: the costs differ
/// by an order of magnitude.</summary>
public enum DatapathImplementation
{
    [JsonStringEnumMemberName("kernel")]
    Kernel,

    [JsonStringEnumMemberName("userspace")]
    Userspace,
}
