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
            throw new FormatException($"the line rate must be positive, not '{text}'");
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

    /// <summary>Formats a bit rate for people: 9.49 Gbit/s, 94.9 Mbit/s.</summary>
    public static string FormatBitRate(double bps)
    {
        var abs = Math.Abs(bps);
        return abs switch
        {
            >= 1e12 => string.Create(CultureInfo.InvariantCulture, $"{bps / 1e12:0.###} Tbit/s"),
            >= 1e9 => string.Create(CultureInfo.InvariantCulture, $"{bps / 1e9:0.###} Gbit/s"),
            >= 1e6 => string.Create(CultureInfo.InvariantCulture, $"{bps / 1e6:0.###} Mbit/s"),
            >= 1e3 => string.Create(CultureInfo.InvariantCulture, $"{bps / 1e3:0.###} kbit/s"),
            _ => string.Create(CultureInfo.InvariantCulture, $"{bps:0.###} bit/s"),
        };
    }
}
