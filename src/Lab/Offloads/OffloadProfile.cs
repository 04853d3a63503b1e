namespace PerfSuite.Lab.Offloads;

/// <summary>A named set of offload changes applied to the underlay and tunnel devices of every path, keyed by
/// kernel feature name (the names <c>ethtool -k</c> prints). The default profile changes nothing.</summary>
public sealed record OffloadProfile(string Name, string Description, IReadOnlyDictionary<string, bool> Changes)
{
    public bool ChangesAnything => Changes.Count > 0;

    public override string ToString() => Name;
}
