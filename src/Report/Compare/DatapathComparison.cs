namespace PerfSuite.Report.Compare;

/// <summary>One cell group (datapath, underlay MTU, offload profile, test, streams) across the inputs. The
/// implementation is not part of the key, so a kernel datapath on one machine lines up with its userspace
/// substitute on another; each measurement says which it was.</summary>
public sealed record DatapathComparison(
    string Path,
    int UnderlayMtu,
    string Offloads,
    string Test,
    int Streams,
    IReadOnlyList<DatapathMeasurement> Cells)
{
    /// <summary>"vxlan mtu 1500 default tcp-stream ×1".</summary>
    public string Label => $"{Path} mtu {UnderlayMtu} {Offloads} {Test} ×{Streams}";
}
