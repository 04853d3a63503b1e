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

    /// <summary>The mask with exactly <paramref name="cpus"/> set, in the kernel's format (32-bit groups, most
    /// significant first); the kernel accepts it whatever the number of possible CPUs above the highest one set.</summary>
    public static string Of(IEnumerable<int> cpus)
    {
        var set = cpus.ToHashSet();
        if (set.Count == 0 || set.Any(c => c < 0))
            throw new ArgumentOutOfRangeException(nameof(cpus), "a mask needs at least one CPU, none negative");
        var groups = set.Max() / 32 + 1;
        var words = new uint[groups];
        foreach (var cpu in set)
            words[cpu / 32] |= 1u << (cpu % 32);
        var builder = new StringBuilder();
        for (var g = groups - 1; g >= 0; g--)
        {
            if (builder.Length > 0)
                builder.Append(',');
            builder.Append(g == groups - 1 ? words[g].ToString("x", CultureInfo.InvariantCulture) : words[g].ToString("x8", CultureInfo.InvariantCulture));
        }
        return builder.ToString();
    }

    /// <summary>The CPUs a mask sets, lowest first ("00000000,00000003" is 0 and 1).</summary>
    public static IReadOnlyList<int> Cpus(string mask)
    {
        var cpus = new List<int>();
        var groups = mask.Trim().Split(',');
        for (var g = 0; g < groups.Length; g++)
        {
            if (!uint.TryParse(groups[g], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var word))
                throw new FormatException($"'{mask}' is not a CPU mask (hexadecimal, comma-grouped)");
            var low = (groups.Length - 1 - g) * 32;
            for (var bit = 0; bit < 32; bit++)
            {
                if ((word & (1u << bit)) != 0)
                    cpus.Add(low + bit);
            }
        }
        cpus.Sort();
        return cpus;
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
