using PerfSuite.Kernel.Ethtool;

namespace PerfSuite.Lab.Offloads;

/// <summary>Applies offload changes with the Probe's SetFeatures (ETHTOOL_SFEATURES, re-read with GFEATURES),
/// through an ethtool socket made inside the device's namespace, and reports what each feature ended as.</summary>
public sealed class EthtoolOffloadApplier : IOffloadApplier
{
    public OffloadApplication Apply(string netns, string device, IReadOnlyDictionary<string, bool> changes)
    {
        using var ethtool = EthtoolClient.Open(netns);
        return Apply(netns, device, changes, ethtool);
    }

    /// <summary>The same through an ethtool socket the caller already has in the device's namespace.</summary>
    public static OffloadApplication Apply(string netns, string device, IReadOnlyDictionary<string, bool> changes, EthtoolClient ethtool)
    {
        var report = ethtool.SetFeatures(device, changes);
        var fixedBefore = report.Before.Where(f => f.Fixed).Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        return new OffloadApplication(netns, device, report.Changes
            .Select(c => new OffloadFeatureResult(c.Feature, c.Wanted, c.ActiveAfter, c.TookEffect,
                c.TookEffect ? null : c.Reason ?? c.Outcome.ToString(), fixedBefore.Contains(c.Feature)))
            .ToList(),
            report.SideEffects.Select(s => new OffloadFeatureToggle(s.Feature, s.After)).ToList());
    }
}
