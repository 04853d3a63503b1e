namespace PerfSuite.Probe.Facts;

/// <summary>One sysctl as read: its text (null when this kernel has no such sysctl), whether it can be written
/// from where PerfSuite tunes, and whether the value belongs to the namespace being tuned or to the whole host.
/// net.core.netdev_max_backlog is global and absent inside a namespace; net.core.rmem_max and wmem_max became
/// visible in namespaces but read-only, showing the host's value (tools/testing/selftests/net/netns-sysctl.sh).
/// Both then describe the host, and a change to them is advice for the host, never applied with --netns.</summary>
public sealed record SysctlFact(string Key, string? Value, bool Writable, SysctlScope Scope)
{
    /// <summary>The whitespace-separated fields of the value (tcp_rmem has three), or none when absent.</summary>
    public IReadOnlyList<string> Fields =>
        Value?.Split([' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries) ?? [];

    /// <summary>The value as one number, or null when it is absent or not a single number.</summary>
    public long? AsNumber =>
        Fields.Count == 1 && long.TryParse(Fields[0], System.Globalization.NumberStyles.Integer,
            System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null;
}

/// <summary>Whose value a <see cref="SysctlFact"/> is.</summary>
public enum SysctlScope
{
    /// <summary>The value of the network namespace being tuned (the host's own when tuning the host).</summary>
    Namespace,

    /// <summary>A host-wide value, read from the caller's namespace because the tuned namespace does not own it.</summary>
    Host,
}
