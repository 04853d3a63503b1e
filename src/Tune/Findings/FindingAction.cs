namespace PerfSuite.Tune.Findings;

/// <summary>What PerfSuite does with a finding.</summary>
public enum FindingAction
{
    /// <summary><c>tune --apply</c> makes the change (journaled, read back, undone by <c>tune rollback</c>).</summary>
    Apply,

    /// <summary>Either state can be the better one on a given kernel and NIC: only <c>--verify</c> changes it, and
    /// keeps the change only when the measurement says it helps.</summary>
    Measure,

    /// <summary>Reported with the change a person would make, never made by PerfSuite: the setting belongs to the
    /// CNI (which would rewrite it), to another namespace, or to the host while a namespace is being tuned.</summary>
    Advise,
}
