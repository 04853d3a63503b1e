namespace PerfSuite.Report.Compare;

/// <summary>A value, or a gap with the reason the input does not have it.</summary>
public sealed record CompareCell(string? Value, string? Gap)
{
    public static CompareCell Of(string value) => new(value, null);

    public static CompareCell Missing(string reason) => new(null, reason);
}
