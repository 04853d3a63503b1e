namespace PerfSuite.Model.Statistics;

/// <summary>The outcome of a two-sided Mann–Whitney U test of sample B against sample A.</summary>
/// <param name="SizeA">m, the number of values in A.</param>
/// <param name="SizeB">n, the number of values in B.</param>
/// <param name="U">Pairs (a, b) with b &gt; a, ties counting ½: U_B = R_B − n(n + 1)/2. Between 0 and m·n; m·n/2
/// when neither sample tends to be larger.</param>
/// <param name="PValue">Two-sided p-value.</param>
/// <param name="Method">Exact distribution or normal approximation.</param>
/// <param name="HasTies">Whether any value occurs more than once across both samples.</param>
/// <param name="LessPValue">One-sided p-value for the alternative "B tends to be smaller than A": P(U ≤ u).</param>
/// <param name="GreaterPValue">One-sided p-value for the alternative "B tends to be larger than A": P(U ≥ u).</param>
public sealed record MannWhitneyResult(int SizeA, int SizeB, double U, double PValue, MannWhitneyMethod Method, bool HasTies,
    double LessPValue = double.NaN, double GreaterPValue = double.NaN)
{
    /// <summary>U / (m·n): an estimate of P(B &gt; A) + ½·P(B = A), the "probability of superiority".</summary>
    public double ProbabilityBGreater => U / ((double)SizeA * SizeB);
}
