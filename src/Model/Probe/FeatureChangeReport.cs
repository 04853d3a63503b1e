namespace PerfSuite.Model.Probe;

/// <summary>What happened when features of one interface were set (ETHTOOL_SFEATURES, then re-read with
/// GFEATURES): one entry per kernel feature the request touched, the features that changed without being asked
/// for, and both complete states so a journal can restore them.</summary>
public sealed record FeatureChangeReport(
    string Interface,
    IReadOnlyList<FeatureChange> Changes,
    IReadOnlyList<FeatureToggle> SideEffects,
    IReadOnlyList<FeatureState> Before,
    IReadOnlyList<FeatureState> After)
{
    /// <summary>True when every requested feature ended up in the requested state.</summary>
    public bool AllTookEffect => Changes.All(c => c.TookEffect);

    /// <summary>The request that puts back what this change altered: for every feature whose requested state
    /// changed, its previous requested (wanted) state. Restoring "requested" rather than "active" lets the kernel
    /// recompute dependent features exactly as before (reference/ethtool-abi.md §6).</summary>
    public IReadOnlyDictionary<string, bool> RollbackRequest()
    {
        var before = Before.ToDictionary(f => f.Name, StringComparer.Ordinal);
        var rollback = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var after in After)
        {
            if (before.TryGetValue(after.Name, out var old) && old.Requested != after.Requested)
                rollback[after.Name] = old.Requested;
        }
        return rollback;
    }
}

/// <summary>One kernel feature a request touched. <see cref="Requested"/> is the name the caller used: the
/// feature itself or an ethtool group (<c>tso</c>, <c>tx-checksumming</c>) that expanded to it.</summary>
public sealed record FeatureChange(
    string Requested,
    string Feature,
    bool Wanted,
    bool ActiveBefore,
    bool ActiveAfter,
    FeatureChangeOutcome Outcome,
    string? Reason)
{
    public bool TookEffect => Outcome is FeatureChangeOutcome.Applied or FeatureChangeOutcome.AlreadySet;
}

/// <summary>How one requested feature change ended.</summary>
public enum FeatureChangeOutcome
{
    /// <summary>The feature changed to the requested state.</summary>
    Applied,

    /// <summary>The feature already was in the requested state.</summary>
    AlreadySet,

    /// <summary>The device does not let it change ("[fixed]": not in hw_features, or never-change).</summary>
    Fixed,

    /// <summary>The kernel recorded the wish but kept the feature as it was: another feature it depends on is
    /// off (TSO needs scatter-gather and a tx checksum), or the driver or an upper/lower device vetoed it.</summary>
    BlockedByDependency,

    /// <summary>The kernel did not record the request at all.</summary>
    Rejected,
}

/// <summary>A feature whose active state changed as a consequence of a request that did not name it.</summary>
public sealed record FeatureToggle(string Feature, bool Before, bool After);
