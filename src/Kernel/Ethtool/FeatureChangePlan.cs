using PerfSuite.Model.Errors;
using PerfSuite.Model.Probe;

namespace PerfSuite.Kernel.Ethtool;

/// <summary>A feature request resolved against one interface's current masks: names and ethtool groups expanded
/// to kernel features, and the SFEATURES words (valid, requested) that carry it. After the call it turns the
/// re-read masks into the per-feature <see cref="FeatureChangeReport"/>.</summary>
internal sealed class FeatureChangePlan
{
    private readonly string _iface;
    private readonly List<(string Requested, string Feature, bool Wanted)> _entries;

    private FeatureChangePlan(string iface, List<(string, string, bool)> entries, uint[] valid, uint[] requested)
    {
        _iface = iface;
        _entries = entries;
        Valid = valid;
        Requested = requested;
    }

    public uint[] Valid { get; }

    public uint[] Requested { get; }

    public bool HasBitsToSend => Valid.Any(word => word != 0);

    /// <summary>Expands the request like <c>ethtool -K</c>: a kernel feature name is taken as is; a group name
    /// stands for every changeable feature it matches that the request does not name itself, or for all of them
    /// when none is changeable (they are then reported as fixed). Fixed features are never sent: the kernel would
    /// ignore one outside hw_features and reject a never-change one with EINVAL. An empty request (such as the
    /// rollback of a change that altered nothing) sends nothing.</summary>
    public static FeatureChangePlan Create(string iface, EthtoolFeatureSet current, IReadOnlyDictionary<string, bool> changes)
    {
        var named = changes.Keys.Where(k => current[k] is not null).ToHashSet(StringComparer.Ordinal);
        var order = new List<string>();
        var byFeature = new Dictionary<string, (string Requested, bool Wanted)>(StringComparer.Ordinal);
        void Add(string requested, string feature, bool wanted)
        {
            if (!byFeature.ContainsKey(feature))
                order.Add(feature);
            byFeature[feature] = (requested, wanted);
        }

        foreach (var (name, wanted) in changes)
        {
            if (current[name] is not null)
            {
                Add(name, name, wanted);
                continue;
            }
            var group = EthtoolFeatureGroup.Named(name)
                ?? throw new PerfSuiteException(ErrorReason.InvalidArgument,
                    $"unknown feature '{name}' on '{iface}': neither a kernel feature name nor an ethtool group (rx, tx, sg, tso, gso, gro, lro, ...)");
            var members = current.Features.Where(f => group.Matches(f.Name) && !named.Contains(f.Name)).ToList();
            if (members.Count == 0 && !current.Features.Any(f => group.Matches(f.Name)))
                throw new PerfSuiteException(ErrorReason.InvalidArgument,
                    $"'{name}' matches no feature of this kernel on '{iface}'");
            var changeable = members.Where(f => !f.Fixed).ToList();
            foreach (var member in changeable.Count > 0 ? changeable : members)
                Add(name, member.Name, wanted);
        }

        var valid = new uint[current.KernelWords];
        var requestedBits = new uint[current.KernelWords];
        var entries = new List<(string, string, bool)>(order.Count);
        foreach (var feature in order)
        {
            var (requested, wanted) = byFeature[feature];
            entries.Add((requested, feature, wanted));
            if (current[feature]!.Fixed)
                continue;
            var bit = current.BitOf(feature);
            valid[bit / 32] |= 1u << (bit % 32);
            if (wanted)
                requestedBits[bit / 32] |= 1u << (bit % 32);
        }
        return new FeatureChangePlan(iface, entries, valid, requestedBits);
    }

    /// <summary>Judges each requested feature on the masks read back after SFEATURES.</summary>
    public FeatureChangeReport Report(EthtoolFeatureSet before, EthtoolFeatureSet after)
    {
        var changes = new List<FeatureChange>(_entries.Count);
        foreach (var (requested, feature, wanted) in _entries)
        {
            var old = before[feature]!;
            var now = after[feature] ?? throw new PerfSuiteException(ErrorReason.Protocol,
                $"feature '{feature}' of '{_iface}' disappeared while it was being set");
            var (outcome, reason) = Judge(old, now, wanted, after);
            changes.Add(new FeatureChange(requested, feature, wanted, old.Active, now.Active, outcome, reason));
        }
        var touched = _entries.Select(e => e.Feature).ToHashSet(StringComparer.Ordinal);
        var sideEffects = after.Features
            .Where(f => !touched.Contains(f.Name) && before[f.Name] is { } old && old.Active != f.Active)
            .Select(f => new FeatureToggle(f.Name, !f.Active, f.Active))
            .ToList();
        return new FeatureChangeReport(_iface, changes, sideEffects, before.Features, after.Features);
    }

    private static (FeatureChangeOutcome, string?) Judge(FeatureState old, FeatureState now, bool wanted, EthtoolFeatureSet after)
    {
        if (now.Active == wanted)
            return (old.Active == wanted ? FeatureChangeOutcome.AlreadySet : FeatureChangeOutcome.Applied, null);
        if (old.NeverChanged)
            return (FeatureChangeOutcome.Fixed, "never changeable: the kernel marks it never-change [fixed]");
        if (old.Fixed)
            return (FeatureChangeOutcome.Fixed, "not changeable on this device [fixed]");
        if (now.Requested == wanted)
            return (FeatureChangeOutcome.BlockedByDependency, FeatureDependencies.Explain(now.Name, wanted, after));
        return (FeatureChangeOutcome.Rejected,
            $"the kernel did not record the request: requested stays {OnOff(now.Requested)}");
    }

    internal static string OnOff(bool value) => value ? "on" : "off";
}
