namespace PerfSuite.Lab.Offloads;

/// <summary>What a profile did to one device: per requested feature, the state it ended in and, when that is not
/// what was asked, why (fixed on this device, blocked by a dependency …); and the features the kernel changed on
/// its own as a consequence (switching off a transmit checksum takes TSO with it).</summary>
public sealed record OffloadApplication(
    string Namespace,
    string Device,
    IReadOnlyList<OffloadFeatureResult> Features,
    IReadOnlyList<OffloadFeatureToggle> SideEffects)
{
    public bool AllTookEffect => Features.All(f => f.TookEffect);

    public override string ToString()
    {
        var text = $"{Device}: {string.Join(", ", Features.Select(f => f.ToString()))}";
        return SideEffects.Count == 0 ? text : $"{text}; and with them {string.Join(", ", SideEffects.Select(s => s.ToString()))}";
    }
}

/// <param name="Fixed">The device does not let the feature change ("[fixed]" in <c>ethtool -k</c>): a device that does not
/// implement it (hardware GRO, LRO on a veth) has it fixed off; false from agents older than this field.</param>
public sealed record OffloadFeatureResult(string Feature, bool Wanted, bool Active, bool TookEffect, string? Reason, bool Fixed = false)
{
    public override string ToString() =>
        $"{Feature} {(Active ? "on" : "off")}{(TookEffect ? "" : $" (wanted {(Wanted ? "on" : "off")}: {Reason})")}";
}

/// <summary>A feature whose state changed without being asked for.</summary>
public sealed record OffloadFeatureToggle(string Feature, bool Active)
{
    public override string ToString() => $"{Feature} {(Active ? "on" : "off")}";
}
