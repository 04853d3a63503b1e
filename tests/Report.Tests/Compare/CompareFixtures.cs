using System.Text.Json;
using PerfSuite.Model.Json;
using PerfSuite.Model.Probe;

namespace PerfSuite.Report.Tests.Compare;

/// <summary>The dumps and probe snapshots in Fixtures/compare (see its README): real ones captured on this
/// machine, and two composed NIC dumps.</summary>
internal static class CompareFixtures
{
    /// <summary>Real dumps and the probe snapshot (file) holding the same interface.</summary>
    public static readonly (string Dump, string Interface, string Probe)[] RealDumps =
    [
        ("eth0.ethtool-i-k.txt", "eth0", "host.probe.json"),
        ("lo.ethtool-k.txt", "lo", "host.probe.json"),
        ("veth0.ethtool-i-k.txt", "veth0", "scratch.probe.json"),
        ("veth1.ethtool-i-k.txt", "veth1", "scratch.probe.json"),
        ("vxlan0.ethtool-i-k.txt", "vxlan0", "scratch.probe.json"),
    ];

    public static readonly string[] ComposedDumps = ["mlx5-composed.ethtool-i-k.txt", "ixgbe-composed.ethtool-i-k.txt"];

    public static string Directory => Path.Combine(AppContext.BaseDirectory, "Fixtures", "compare");

    public static string PathOf(string name) => Path.Combine(Directory, name);

    public static string Text(string name) => File.ReadAllText(PathOf(name));

    public static ProbeDocument Probe(string name) =>
        JsonSerializer.Deserialize(File.ReadAllBytes(PathOf(name)), ModelJsonContext.Default.ProbeDocument)!;

    public static InterfaceSnapshot Snapshot(string probe, string name) => Probe(probe).Interfaces.Single(i => i.Name == name);

    /// <summary>The <c>ethtool -k</c> part of a dump: from "Features for" to the end, without the lines a
    /// terminal copy adds.</summary>
    public static string FeaturesSection(string text)
    {
        var start = text.IndexOf("Features for ", StringComparison.Ordinal);
        return string.Join("", text[start..].Split('\n').Where(l => !l.StartsWith("root@", StringComparison.Ordinal)).Select(l => l + "\n"))[..^1];
    }
}
