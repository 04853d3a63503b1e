using System.Globalization;

namespace PerfSuite.Report.Analysis;

/// <summary>How the report writes numbers, the same way in tables, findings and figure labels: a space before
/// %, a true minus sign, as many decimals as the size of the number deserves.</summary>
public static class ReportNumbers
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>0.84 → "84 %", 0.035 → "3.5 %".</summary>
    public static string Percent(double fraction) => Number(fraction * 100) + " %";

    /// <summary>0.38 → "+38 %", −0.3 → "−30 %".</summary>
    public static string SignedPercent(double change) => Signed(change * 100) + " %";

    /// <summary>A number of percentage points, without the unit: 0.035 → "3.5".</summary>
    public static string Points(double fraction) => Number(fraction * 100);

    /// <summary>Goodput in Gbit/s without the unit: 9.4153e9 → "9.42".</summary>
    public static string Gbit(double bps) => Number(bps / 1e9, 3);

    /// <summary>1.4 → "1.4×".</summary>
    public static string Ratio(double ratio) => ratio.ToString(ratio >= 10 ? "0" : "0.0", Invariant) + "×";

    /// <summary>Microseconds to three significant digits: 48.3 → "48.3 µs"; from 1000 on in ms: "1.23 ms".</summary>
    public static string Microseconds(double us) =>
        us >= 1000 ? Number(us / 1000, 3) + " ms" : Number(us, 3) + " µs";

    /// <summary>Core-seconds per Gbit: two significant decimals below 1.</summary>
    public static string Cores(double value) => Number(value, 3);

    /// <summary>A count of things (retransmitted segments): no decimals unless it is a median of two.</summary>
    public static string Count(double value) =>
        value == Math.Floor(value) ? value.ToString("#,0", Invariant) : value.ToString("#,0.0", Invariant);

    /// <summary>Rounded to <paramref name="significant"/> significant digits but never below the units (84.3 → "84",
    /// 3.46 → "3.5", 1250 → "1,250"), without trailing zeros (0.0900 → "0.09"), never in scientific notation.</summary>
    public static string Number(double value, int significant = 2)
    {
        if (value == 0 || !double.IsFinite(value))
            return value == 0 ? "0" : value.ToString(Invariant);
        var magnitude = (int)Math.Floor(Math.Log10(Math.Abs(value)));
        var decimals = Math.Clamp(significant - 1 - magnitude, 0, 6);
        var rounded = Math.Round(value, decimals, MidpointRounding.AwayFromZero);
        return rounded.ToString(decimals == 0 ? "#,0" : "#,0." + new string('#', decimals), Invariant);
    }

    /// <summary>Rounded to <paramref name="significant"/> significant digits, also above the units: 17,809 → "17,800"
    /// at 3 (a count that is itself an estimate).</summary>
    public static string Significant(double value, int significant)
    {
        if (value == 0 || !double.IsFinite(value))
            return Number(value);
        var magnitude = (int)Math.Floor(Math.Log10(Math.Abs(value)));
        var scale = Math.Pow(10, magnitude - significant + 1);
        return Number(Math.Round(value / scale, MidpointRounding.AwayFromZero) * scale, significant);
    }

    /// <summary>With an explicit sign, and U+2212 for minus (a hyphen is easily misread as a dash).</summary>
    public static string Signed(double value)
    {
        var text = Number(Math.Abs(value));
        return text == "0" ? "±0" : (value < 0 ? "\u2212" : "+") + text;
    }
}
