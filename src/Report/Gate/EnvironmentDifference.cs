namespace PerfSuite.Report.Gate;

/// <summary>Something about the machine that differs between baseline and current: "kernel",
/// "eth0 feature rx-gro", "vxlan pod MTU". A missing value is shown as "absent".</summary>
public sealed record EnvironmentDifference(string Item, string Baseline, string Current)
{
    public override string ToString() => $"{Item}: {Baseline} → {Current}";
}
