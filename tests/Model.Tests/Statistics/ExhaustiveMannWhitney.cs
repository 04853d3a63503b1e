namespace PerfSuite.Model.Tests.Statistics;

/// <summary>The independent oracle for the Mann–Whitney code: enumerates every way of choosing which of the
/// m + n pooled values belong to A (bit masks), exactly as the permutation test is defined.</summary>
internal static class ExhaustiveMannWhitney
{
    /// <summary>How many of the C(m + n, m) orderings give each U (no ties: positions 0..m+n−1 are the ranks).</summary>
    public static long[] Counts(int m, int n)
    {
        var counts = new long[m * n + 1];
        var total = m + n;
        for (var mask = 0; mask < 1 << total; mask++)
        {
            if (System.Numerics.BitOperations.PopCount((uint)mask) != m)
                continue;
            // U_B counts pairs with the B value above the A value.
            var u = 0;
            var aSeen = 0;
            for (var position = 0; position < total; position++)
            {
                if ((mask & (1 << position)) != 0)
                    aSeen++;
                else
                    u += aSeen;
            }
            counts[u]++;
        }
        return counts;
    }

    /// <summary>Two-sided permutation p-value of U for the observed pooled values: the share of all relabellings
    /// whose U is at least as far from m·n/2 as the observed one.</summary>
    public static double PermutationPValue(double[] a, double[] b)
    {
        var pooled = a.Concat(b).ToArray();
        int m = a.Length, total = pooled.Length;
        var observed = UOf(a, b);
        var centre = a.Length * b.Length / 2.0;
        long extreme = 0, all = 0;
        for (var mask = 0; mask < 1 << total; mask++)
        {
            if (System.Numerics.BitOperations.PopCount((uint)mask) != m)
                continue;
            var sampleA = new List<double>();
            var sampleB = new List<double>();
            for (var i = 0; i < total; i++)
                ((mask & (1 << i)) != 0 ? sampleA : sampleB).Add(pooled[i]);
            all++;
            if (Math.Abs(UOf(sampleA, sampleB) - centre) >= Math.Abs(observed - centre) - 1e-9)
                extreme++;
        }
        return (double)extreme / all;
    }

    private static double UOf(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        var u = 0.0;
        foreach (var x in a)
        {
            foreach (var y in b)
                u += y > x ? 1 : y == x ? 0.5 : 0;
        }
        return u;
    }
}
