using System.Globalization;

namespace PerfSuite.Model.Units;

/// <summary>Parsers for the quantities users type: line rates (<c>10g</c>, <c>100m</c>), durations (<c>5s</c>,
/// <c>500ms</c>), percentages (<c>5%</c>). Each throws <see cref="FormatException"/> with a one-line reason.</summary>
public static class Quantities
{
    /// <summary>The largest rate accepted: 10 Tbit/s, beyond any Ethernet link (1.6 Tbit/s is the fastest defined).
    /// Bounds every rate before arithmetic on it, so no later computation overflows or loops.</summary>
    public const double MaxBitRate = 10e12;

    /// <summary>The longest duration accepted (a day): no window, warm-up or timeout needs more.</summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromHours(24);

    /// <summary>Parses a rate in bit/s; suffixes k, m, g, t are decimal (as link speeds are), with an optional
    /// "bit", "bps" or "bit/s" after them.</summary>
    public static double ParseBitRate(string text)
    {
        var s = text.Trim().ToLowerInvariant();
        foreach (var unit in new[] { "bit/s", "bps", "bit" })
        {
            if (s.EndsWith(unit, StringComparison.Ordinal))
            {
                s = s[..^unit.Length].TrimEnd();
                break;
            }
        }
        var multiplier = 1.0;
        if (s.Length > 0)
        {
            switch (s[^1])
            {
                case 'k': multiplier = 1e3; s = s[..^1]; break;
                case 'm': multiplier = 1e6; s = s[..^1]; break;
                case 'g': multiplier = 1e9; s = s[..^1]; break;
                case 't': multiplier = 1e12; s = s[..^1]; break;
            }
        }
        if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || double.IsNaN(value) || double.IsInfinity(value))
            throw new FormatException($"'{text}' is not a bit rate (examples: 10g, 25g, 100m, 1e9)");
        if (value <= 0)
            throw new FormatException($"a rate must be positive, not '{text}'");
        if (value * multiplier > MaxBitRate)
            throw new FormatException($"'{text}' is beyond any link (at most {MaxBitRate / 1e12:0} Tbit/s)");
        return value * multiplier;
    }

    /// <summary>Parses a duration: a number with s, ms, m or h (a bare number is seconds).</summary>
    public static TimeSpan ParseDuration(string text)
    {
        var s = text.Trim().ToLowerInvariant();
        double scale = 1;
        if (s.EndsWith("ms", StringComparison.Ordinal)) { scale = 1e-3; s = s[..^2]; }
        else if (s.EndsWith('s')) { s = s[..^1]; }
        else if (s.EndsWith('m')) { scale = 60; s = s[..^1]; }
        else if (s.EndsWith('h')) { scale = 3600; s = s[..^1]; }
        if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || double.IsNaN(value) || double.IsInfinity(value))
            throw new FormatException($"'{text}' is not a duration (examples: 5s, 500ms, 2m)");
        if (value <= 0)
            throw new FormatException($"the duration must be positive, not '{text}'");
        if (value * scale > MaxDuration.TotalSeconds)
            throw new FormatException($"'{text}' is longer than {MaxDuration.TotalHours:0} hours, the longest duration accepted");
        // Below a microsecond a duration is no time at all for anything PerfSuite waits on.
        if (value * scale < 1e-6)
            throw new FormatException($"'{text}' is shorter than a microsecond");
        return TimeSpan.FromSeconds(value * scale);
    }

    /// <summary>Parses a percentage written as <c>5%</c> or <c>5</c>, returned as a fraction (0.05).</summary>
    public static double ParsePercent(string text)
    {
        var s = text.Trim();
        if (s.EndsWith('%')) s = s[..^1];
        if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || double.IsNaN(value) || double.IsInfinity(value) || value < 0 || value >= 100)
            throw new FormatException($"'{text}' is not a percentage between 0 and 100 (example: 5%)");
        return value / 100.0;
    }

    /// <summary>How many significant digits every printed rate carries (bit/s, tx/s, conn/s): 1.10 Gbit/s,
    /// 8.99 Gbit/s, 924 Mbit/s, 26,400 tx/s. Three is about what a repetition's noise leaves meaningful.</summary>
    public const int SignificantDigits = 3;

    /// <summary>Formats a bit rate for people with <see cref="SignificantDigits"/> significant digits and the largest
    /// decimal prefix that keeps it at 1 or more: 9.49 Gbit/s, 94.9 Mbit/s, 1.10 Gbit/s. A nominal rate that is a
    /// whole number of its unit (a link speed: 25 Gbit/s, 100 Mbit/s) is exact and prints without decimals.</summary>
    public static string FormatBitRate(double bps)
    {
        foreach (var (exactScale, exactUnit) in new[] { (1e12, "Tbit/s"), (1e9, "Gbit/s"), (1e6, "Mbit/s"), (1e3, "kbit/s") })
        {
            if (Math.Abs(bps) >= exactScale && bps % exactScale == 0 && Math.Abs(bps / exactScale) < 1000)
                return string.Create(CultureInfo.InvariantCulture, $"{bps / exactScale:0} {exactUnit}");
        }
        var rounded = RoundSignificant(bps);
        var abs = Math.Abs(rounded);
        var (scale, unit) = abs switch
        {
            >= 1e12 => (1e12, "Tbit/s"),
            >= 1e9 => (1e9, "Gbit/s"),
            >= 1e6 => (1e6, "Mbit/s"),
            >= 1e3 => (1e3, "kbit/s"),
            _ => (1.0, "bit/s"),
        };
        return $"{FormatSignificant(rounded / scale)} {unit}";
    }

    /// <summary>A rate in its own unit (tx/s, conn/s) with <see cref="SignificantDigits"/> significant digits and
    /// thousands separators: 26,400 tx/s, 54.3 tx/s.</summary>
    public static string FormatRate(double value, string unit) => $"{FormatSignificant(value)} {unit}";

    /// <summary><paramref name="value"/> with <see cref="SignificantDigits"/> significant digits, trailing zeros kept
    /// (they are significant), thousands separated: 1.10, 18.9, 924, 26,400.</summary>
    public static string FormatSignificant(double value) =>
        FormatWithDecimals(RoundSignificant(value), DecimalsFor(value));

    /// <summary>Formats <paramref name="value"/> with the decimals <paramref name="like"/> gets from
    /// <see cref="FormatSignificant"/>: an interval's bounds written to the precision of its median.</summary>
    public static string FormatLike(double value, double like) => FormatWithDecimals(value, DecimalsFor(like));

    /// <summary>The decimals that leave <see cref="SignificantDigits"/> significant digits in
    /// <paramref name="value"/> (none for values of 100 and above).</summary>
    public static int DecimalsFor(double value)
    {
        var rounded = RoundSignificant(value);
        if (rounded == 0 || !double.IsFinite(rounded))
            return SignificantDigits - 1;
        var exponent = (int)Math.Floor(Math.Log10(Math.Abs(rounded)));
        return Math.Max(0, SignificantDigits - 1 - exponent);
    }

    private static double RoundSignificant(double value)
    {
        if (value == 0 || !double.IsFinite(value))
            return value;
        var exponent = (int)Math.Floor(Math.Log10(Math.Abs(value)));
        var decimals = SignificantDigits - 1 - exponent;
        return decimals >= 0
            ? Math.Round(value, Math.Min(decimals, 15), MidpointRounding.AwayFromZero)
            : Math.Round(value / Math.Pow(10, -decimals), MidpointRounding.AwayFromZero) * Math.Pow(10, -decimals);
    }

    private static string FormatWithDecimals(double value, int decimals) =>
        value.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}
