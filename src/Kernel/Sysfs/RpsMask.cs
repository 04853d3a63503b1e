using System.Globalization;
using System.Text;

namespace PerfSuite.Kernel.Sysfs;

/// <summary>CPU masks as /sys/class/net/IF/queues/rx-N/rps_cpus reads and writes them: hexadecimal, most
/// significant group first, 32-bit groups separated by commas, zero-padded to the number of possible CPUs
/// (Documentation/networking/scaling.rst, "RPS Configuration").</summary>
public static class RpsMask
{
    /// <summary>The mask with every CPU from 0 to <paramref name="cpuCount"/> − 1 set, in the kernel's format.</summary>
    public static string AllCpus(int cpuCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(cpuCount, 1);
        var groups = (cpuCount + 31) / 32;
        var builder = new StringBuilder();
        for (var g = groups - 1; g >= 0; g--)
        {
            var bits = Math.Min(32, cpuCount - g * 32);
            var value = bits == 32 ? uint.MaxValue : (1u << bits) - 1;
            if (builder.Length > 0)
                builder.Append(',');
            builder.Append(g == groups - 1 ? value.ToString("x", CultureInfo.InvariantCulture) : value.ToString("x8", CultureInfo.InvariantCulture));
        }
        return builder.ToString();
    }

    /// <summary>The mask without commas and leading zeros, lowercase ("00000003" and "3" are the same mask).</summary>
    public static string Normalize(string mask)
    {
        var digits = mask.Trim().Replace(",", "", StringComparison.Ordinal).TrimStart('0').ToLowerInvariant();
        return digits.Length == 0 ? "0" : digits;
    }

    public static bool IsZero(string mask) => Normalize(mask) == "0";

    public static bool AreEqual(string a, string b) => Normalize(a) == Normalize(b);
}
