namespace PerfSuite.Lab.Offloads;

/// <summary>A named set of offload changes applied to the underlay and tunnel devices of every path, keyed by
/// kernel feature name (the names <c>ethtool -k</c> prints). The default profile changes nothing.</summary>
/// <param name="NeedsHardware">The profile's features exist only where a NIC implements them (hardware GRO, LRO, UDP
/// tunnel port offload): on a device where one is fixed (a veth, a NIC without it) the profile would measure the device
/// as it always is, so its cells are skipped there, naming the device and the feature, even when the fixed state happens
/// to be the one asked for.</param>
public sealed record OffloadProfile(string Name, string Description, IReadOnlyDictionary<string, bool> Changes, bool NeedsHardware = false)
{
    public bool ChangesAnything => Changes.Count > 0;

    /// <summary>Why this profile cannot be measured on the device <paramref name="applied"/> describes: each feature that
    /// did not take, and with <see cref="NeedsHardware"/> each one fixed on the device; empty when it can.</summary>
    public IReadOnlyList<string> Unmet(OffloadApplication applied) =>
        applied.Features.Where(f => !f.TookEffect || (NeedsHardware && f.Fixed))
            .Select(f => f.TookEffect
                ? $"{f.Feature} is fixed {(f.Active ? "on" : "off")} on {applied.Device} (not implemented there: the profile would change nothing)"
                : $"{applied.Device} cannot set {f.Feature} {(f.Wanted ? "on" : "off")} ({f.Reason})")
            .ToList();

    public override string ToString() => Name;
}
