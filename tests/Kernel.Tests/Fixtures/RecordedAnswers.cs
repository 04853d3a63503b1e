using PerfSuite.Kernel.Ethtool;
using static PerfSuite.Kernel.Interop;

namespace PerfSuite.Kernel.Tests.Fixtures;

/// <summary>The SIOCETHTOOL answers and ethtool outputs recorded by Fixtures/ethtool/record.sh on this project's
/// machine (kernel 6.18, ethtool 6.1): the host's virtio eth0 and lo, and devices made in a namespace.</summary>
internal static class RecordedAnswers
{
    /// <summary>Every recorded device: veth0 has scatter-gather off with TSO requested on, veth1 (a bridge port)
    /// has GRO and UDP GRO forwarding on, macvlan0 sits on veth0.</summary>
    public static readonly string[] Devices = ["eth0", "lo", "veth0", "veth1", "br0", "vxlan0", "tun0", "macvlan0"];

    private static string Directory => Path.Combine(AppContext.BaseDirectory, "Fixtures", "ethtool");

    public static byte[] Bytes(string name) => File.ReadAllBytes(Path.Combine(Directory, name + ".bin"));

    public static bool Has(string name) => File.Exists(Path.Combine(Directory, name + ".bin"));

    public static string Text(string name) => File.ReadAllText(Path.Combine(Directory, name + ".txt"));

    public static bool HasText(string name) => File.Exists(Path.Combine(Directory, name + ".txt"));

    public static IReadOnlyList<string> FeatureNames => EthtoolAnswerDecoder.Strings(Bytes("features.gstrings"));

    public static IReadOnlyList<string> LinkModeNames => EthtoolAnswerDecoder.Strings(Bytes("link_modes.gstrings"));

    public static EthtoolFeatureSet Features(string device) =>
        EthtoolAnswerDecoder.Features(FeatureNames, Bytes($"{device}.gfeatures"));

    /// <summary>The value ethtool prints after "<paramref name="key"/>:" on the first such line of
    /// <paramref name="text"/> (tabs and spaces trimmed).</summary>
    public static string Field(string text, string key)
    {
        foreach (var line in text.Split('\n'))
        {
            var trimmed = line.Trim();
            if (trimmed.StartsWith(key + ":", StringComparison.Ordinal))
                return trimmed[(key.Length + 1)..].Trim();
        }
        throw new KeyNotFoundException($"no '{key}:' line");
    }

    /// <summary>The lines after a section header such as "Current hardware settings:" in ethtool -g/-l output.</summary>
    public static string Section(string text, string header) =>
        text[(text.IndexOf(header, StringComparison.Ordinal) + header.Length)..];

    /// <summary>An ethtool number, or null for "n/a".</summary>
    public static uint? Number(string value) => value == "n/a" ? null : uint.Parse(value, System.Globalization.CultureInfo.InvariantCulture);

    public static int StringSetCount(int set) =>
        (int)EthtoolAnswerDecoder.StringSetCount(Bytes(set == ETH_SS_FEATURES ? "features.gsset_info" : "link_modes.gsset_info"), set)!.Value;
}
