namespace PerfSuite.LoadGen.Lab.Offloads;

/// <summary>What a profile did to one device: per requested feature, the state it ended in and, when that is not
/// what was asked, why (fixed on this device, blocked by a dependency …).</summary>
public sealed record OffloadApplication(string Namespace, string Device, IReadOnlyList<OffloadFeatureResult> Features)
{
    public bool AllTookEffect => Features.All(f => f.TookEffect);

    public override string ToString() =>
        $"{Device}: {string.Join(", ", Features.Select(f => f.ToString()))}";
}

public sealed record OffloadFeatureResult(string Feature, bool Wanted, bool Active, bool TookEffect, string? Reason)
{
    public override string ToString() =>
        $"{Feature} {(Active ? "on" : "off")}{(TookEffect ? "" : $" (wanted {(Wanted ? "on" : "off")}: {Reason})")}";
}
