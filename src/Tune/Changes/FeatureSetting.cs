namespace PerfSuite.Tune.Changes;

/// <summary>Requested (wanted) states of named kernel features of one interface: what ETHTOOL_SFEATURES sets.
/// Restoring the requested bits, not the active ones, lets the kernel recompute dependent features exactly as
/// before (reference/ethtool-abi.md §6).</summary>
public sealed record FeatureSetting(string Interface, IReadOnlyDictionary<string, bool> Requested) : TuneSetting
{
    public override string Knob() => $"features {Interface} {string.Join(',', Requested.Keys.Order(StringComparer.Ordinal))}";

    public override string? InterfaceName() => Interface;

    public override string Describe() =>
        $"ethtool -K {Interface} {string.Join(' ', Requested.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {(p.Value ? "on" : "off")}"))}";

    public override bool SameState(TuneSetting other) =>
        other is FeatureSetting f && f.Interface == Interface && f.Requested.Count == Requested.Count
        && Requested.All(p => f.Requested.TryGetValue(p.Key, out var v) && v == p.Value);
}
