using PerfSuite.Model.Probe;

namespace PerfSuite.Tune.Rules;

internal static class FeatureLookup
{
    public static FeatureState? Feature(this InterfaceSnapshot snapshot, string name) =>
        snapshot.Features.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.Ordinal));

    /// <summary>The feature exists, the user may change it, and it is off.</summary>
    public static bool IsChangeableAndOff(this InterfaceSnapshot snapshot, string name) =>
        snapshot.Feature(name) is { Fixed: false, Active: false };

    public static string OnOff(bool value) => value ? "on" : "off";
}
