using PerfSuite.Kernel.Namespaces;
using PerfSuite.Model.Datapaths;

namespace PerfSuite.Lab.Tests.Support;

/// <summary>A uniquely named lab for one test, removed when the test ends even if it fails.</summary>
internal static class ScratchLab
{
    public static string NewName() => "t" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray().AsSpan(0, 3))[..5];

    public static LabSpec Spec(params Datapath[] paths) => new(NewName(), paths);

    /// <summary>Every namespace whose name carries the lab's prefix.</summary>
    public static List<string> Namespaces(string lab) =>
        NetworkNamespace.List().Where(n => n.StartsWith(LabNaming.Prefix(lab), StringComparison.Ordinal)).ToList();

    public static void RequireRoot() => ScratchNamespace.RequireRoot();

    /// <summary>Removes whatever the test left of lab <paramref name="name"/>.</summary>
    public static void Remove(string name) => LabCleaner.Default.Remove(name);
}
