using PerfSuite.Tune.Changes;

namespace PerfSuite.Tune.Apply;

/// <summary>The knobs of one network namespace, read and written. The live implementation goes through ethtool
/// ioctls, rtnetlink, /proc/sys and sysfs inside the namespace; tests substitute an in-memory one to replay
/// journals and simulate crashes without root.</summary>
public interface ITunableSystem : IDisposable
{
    /// <summary>The namespace the system works in, for messages ("host" for the caller's own).</summary>
    string NamespaceLabel { get; }

    /// <summary>The current state of the knob <paramref name="knob"/> names, in the same shape: for features, the
    /// requested (wanted) bit of each feature it names; for rings, channels and coalescing, the whole structure.</summary>
    TuneSetting Read(TuneSetting knob);

    /// <summary>Writes <paramref name="setting"/>. Failures are <see cref="Model.Errors.PerfSuiteException"/>s.</summary>
    void Write(TuneSetting setting);

    /// <summary>Reads back after a write: whether the state the setting asks for is in effect (for features, the
    /// active bits, not only the requested ones), what was read, and, if not, why.</summary>
    SettingCheck Check(TuneSetting wanted);

    /// <summary>The state a write of <paramref name="setting"/> may reset as a side effect, read now, as settings
    /// that write it back: for a queue-count change, the RPS, XPS and interrupt affinity of every queue and
    /// interrupt of the device (drivers reset them when they rebuild their queues). The applier journals them
    /// before the change, so a rollback that restores the count restores them after it.</summary>
    IReadOnlyList<TuneSetting> ResetBy(TuneSetting setting) => [];
}

/// <summary>The read-back of one setting.</summary>
public sealed record SettingCheck(bool TookEffect, TuneSetting ReadBack, string? Detail);
