namespace PerfSuite.Tune.Changes;

/// <summary>One sysctl, key in dotted form, value as written to /proc/sys (fields separated by spaces).</summary>
public sealed record SysctlSetting(string Key, string Value) : TuneSetting
{
    public override string Knob() => $"sysctl {Key}";

    public override string Describe() => Value.Contains(' ', StringComparison.Ordinal)
        ? $"sysctl -w {Key}=\"{Value}\""
        : $"sysctl -w {Key}={Value}";

    /// <summary>Values as the kernel compares them: tcp_rmem reads back tab-separated whatever was written.</summary>
    public static bool SameValue(string a, string b) =>
        a.Split([' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries)
            .SequenceEqual(b.Split([' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal);

    public override bool SameState(TuneSetting other) => other is SysctlSetting s && s.Key == Key && SameValue(s.Value, Value);
}
