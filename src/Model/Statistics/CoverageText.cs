using System.Globalization;

namespace PerfSuite.Model.Statistics;

/// <summary>How every output names an interval's coverage: the stored, true coverage, never a fixed "95 %"
/// (issue 14). "range of 3, covers the median 75 %"; "2nd to 9th of 10, covers the median 97.9 %".</summary>
public static class CoverageText
{
    /// <summary>A coverage as a percentage with at most one decimal and no trailing ".0": 75 %, 87.5 %, 93.8 %.</summary>
    public static string Percent(double coverage)
    {
        if (!double.IsFinite(coverage))
            return "n/a";
        var rounded = Math.Round(coverage * 100, 1, MidpointRounding.AwayFromZero);
        // 1 − 2⁻²⁰ must not print as 100 %: an interval that is not certain never says so.
        if (rounded >= 100 && coverage < 1)
            rounded = 99.9;
        return rounded.ToString("0.#", CultureInfo.InvariantCulture) + " %";
    }

    /// <summary>The interval of a median over <paramref name="n"/> values between the order statistics of rank
    /// <paramref name="rank"/> from each end, with its coverage.</summary>
    public static string MedianInterval(int n, int rank, double coverage)
    {
        if (n <= 1)
            return "one value, no interval";
        var what = rank <= 1
            ? string.Create(CultureInfo.InvariantCulture, $"range of {n}")
            : string.Create(CultureInfo.InvariantCulture, $"{Ordinal(rank)} to {Ordinal(rank)}-largest of {n}");
        return $"{what}, covers the median {Percent(coverage)}";
    }

    /// <summary>A short form for a table column: "range of 3: 75 %", "of 10: 97.9 %".</summary>
    public static string Short(int n, int rank, double coverage) =>
        n <= 1 ? "1 value"
        : rank <= 1 ? string.Create(CultureInfo.InvariantCulture, $"range of {n}: {Percent(coverage)}")
        : string.Create(CultureInfo.InvariantCulture, $"{Percent(coverage)} of {n}");

    private static string Ordinal(int k) =>
        k.ToString(CultureInfo.InvariantCulture) + ((k % 100) is 11 or 12 or 13 ? "th" : (k % 10) switch { 1 => "st", 2 => "nd", 3 => "rd", _ => "th" });
}
