using System.Globalization;
using PerfSuite.Model.Datapaths;

namespace PerfSuite.Model.Results;

/// <summary>What makes repetitions comparable: the same datapath, implementation, underlay MTU, offload profile,
/// test and stream count. Summaries group by it and gates match baseline and current cells by it.</summary>
public readonly record struct CellGroupKey(
    string Path,
    DatapathImplementation Impl,
    int UnderlayMtu,
    string Offloads,
    string Test,
    int Streams)
{
    public static CellGroupKey Of(CellResult cell) =>
        new(cell.Path, cell.Impl, cell.UnderlayMtu, cell.Offloads, cell.Test, cell.Streams);

    public static CellGroupKey Of(GroupSummary group) =>
        new(group.Path, group.Impl, group.UnderlayMtu, group.Offloads, group.Test, group.Streams);

    /// <summary>A compact label: <c>vxlan/kernel mtu 1500 default tcp-stream ×1</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Path}/{(Impl == DatapathImplementation.Kernel ? "kernel" : "userspace")} mtu {UnderlayMtu} {Offloads} {Test} ×{Streams}");
}
