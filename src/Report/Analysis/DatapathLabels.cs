using PerfSuite.Model.Datapaths;

namespace PerfSuite.Report.Analysis;

/// <summary>How the report names a datapath and its implementation, the same way in figures, tables and text.</summary>
public static class DatapathLabels
{
    public static string Of(string path, DatapathImplementation impl) =>
        impl == DatapathImplementation.Userspace ? $"{path} (userspace)" : path;

    /// <summary>Sort key: encapsulation overhead, then the order DESIGN.md lists datapaths, then kernel before
    /// userspace; unknown datapaths last, by name.</summary>
    public static (int Overhead, int Index, string Name, DatapathImplementation Impl) SortKey(string path, DatapathImplementation impl)
    {
        if (!Datapath.TryParse(path, out var datapath))
            return (int.MaxValue, int.MaxValue, path, impl);
        var index = Datapath.All.ToList().IndexOf(datapath);
        return (datapath.OverheadIpv4, index, path, impl);
    }
}
