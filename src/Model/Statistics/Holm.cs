namespace PerfSuite.Model.Statistics;

/// <summary>Holm's step-down procedure (1979): across m tests, rejects the hypotheses whose adjusted p-value is at
/// most α, so that the chance of even one false rejection is at most α whatever the dependence between the tests.
/// The fleet's outlier rule uses it because its tests share data (every host's contrasts use the same pairs), and
/// naming a healthy host as the outlier is the error that matters.</summary>
public static class Holm
{
    /// <summary>Holm-adjusted p-values, in the order given: p̃₍ᵢ₎ = max over j ≤ i of (m − j + 1)·p₍ⱼ₎, at most 1.</summary>
    public static double[] Adjust(IReadOnlyList<double> pValues)
    {
        var m = pValues.Count;
        var order = Enumerable.Range(0, m).OrderBy(i => pValues[i]).ToArray();
        var adjusted = new double[m];
        var running = 0.0;
        for (var rank = 1; rank <= m; rank++)
        {
            var index = order[rank - 1];
            var p = pValues[index];
            if (!(p >= 0 && p <= 1))
                throw new ArgumentOutOfRangeException(nameof(pValues), p, "a p-value must be between 0 and 1");
            running = Math.Max(running, Math.Min(1, (m - rank + 1) * p));
            adjusted[index] = running;
        }
        return adjusted;
    }
}
