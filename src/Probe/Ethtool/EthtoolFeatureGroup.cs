namespace PerfSuite.Probe.Ethtool;

/// <summary>One row of ethtool's <c>off_flag_def</c> table (ethtool common.c): a legacy offload name
/// (<c>tso</c>, <c>tcp-segmentation-offload</c>) and the kernel features it stands for, given as a pattern with at
/// most one <c>*</c> (prefix before it, suffix match after it).</summary>
public sealed record EthtoolFeatureGroup(string ShortName, string LongName, string Pattern)
{
    /// <summary>The table in ethtool's order; the first row whose pattern matches a feature owns it.</summary>
    public static IReadOnlyList<EthtoolFeatureGroup> All { get; } =
    [
        new("rx", "rx-checksumming", "rx-checksum"),
        new("tx", "tx-checksumming", "tx-checksum-*"),
        new("sg", "scatter-gather", "tx-scatter-gather*"),
        new("tso", "tcp-segmentation-offload", "tx-tcp*-segmentation"),
        new("ufo", "udp-fragmentation-offload", "tx-udp-fragmentation"),
        new("gso", "generic-segmentation-offload", "tx-generic-segmentation"),
        new("gro", "generic-receive-offload", "rx-gro"),
        new("lro", "large-receive-offload", "rx-lro"),
        new("rxvlan", "rx-vlan-offload", "rx-vlan-hw-parse"),
        new("txvlan", "tx-vlan-offload", "tx-vlan-hw-insert"),
        new("ntuple", "ntuple-filters", "rx-ntuple-filter"),
        new("rxhash", "receive-hashing", "rx-hashing"),
    ];

    /// <summary>The group owning <paramref name="featureName"/>, or null when it prints under its own name.</summary>
    public static EthtoolFeatureGroup? Owning(string featureName) => All.FirstOrDefault(g => g.Matches(featureName));

    /// <summary>The group called <paramref name="name"/> by its short or long name, as <c>ethtool -K</c> accepts.</summary>
    public static EthtoolFeatureGroup? Named(string name) =>
        All.FirstOrDefault(g => string.Equals(g.ShortName, name, StringComparison.Ordinal) || string.Equals(g.LongName, name, StringComparison.Ordinal));

    /// <summary>ethtool's <c>flag_pattern_match</c>: without a star an exact match; with one, the part before it is
    /// a prefix and the part after it a suffix, and the name must be at least as long as both.</summary>
    public bool Matches(string featureName)
    {
        var star = Pattern.IndexOf('*', StringComparison.Ordinal);
        if (star < 0)
            return string.Equals(featureName, Pattern, StringComparison.Ordinal);
        var prefix = Pattern.AsSpan(0, star);
        var suffix = Pattern.AsSpan(star + 1);
        return featureName.Length >= prefix.Length + suffix.Length
            && featureName.AsSpan().StartsWith(prefix, StringComparison.Ordinal)
            && featureName.AsSpan().EndsWith(suffix, StringComparison.Ordinal);
    }
}
