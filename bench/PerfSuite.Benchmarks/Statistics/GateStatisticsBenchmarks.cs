using BenchmarkDotNet.Attributes;
using PerfSuite.Model.Statistics;

namespace PerfSuite.Benchmarks.Statistics;

/// <summary>The statistics the regression gate computes per metric and cell: the Mann–Whitney test (exact
/// distribution up to m·n = 2500, normal approximation beyond), the Hodges–Lehmann ratio with Moses' interval, and
/// the median's interval (order statistics with their exact coverage at every n). Samples are goodputs
/// around 9.4 Gbit/s with 3 % spread, the second side 2 % slower, drawn from a fixed seed.</summary>
[MemoryDiagnoser]
public class GateStatisticsBenchmarks
{
    private double[] _baseline = [];
    private double[] _current = [];

    public static IEnumerable<BenchmarkCase<int>> SampleSizes() =>
    [
        new("3 per side", 3),
        new("10 per side", 10),
        new("50 per side", 50),
        new("100 per side", 100),
    ];

    [ParamsSource(nameof(SampleSizes))]
    public BenchmarkCase<int> Samples { get; set; } = new("3 per side", 3);

    [GlobalSetup]
    public void Setup()
    {
        var random = new SplitMix64(2025);
        _baseline = Draw(random, Samples.Value, 9.4e9);
        _current = Draw(random, Samples.Value, 9.4e9 * 0.98);
    }

    [Benchmark]
    public MannWhitneyResult MannWhitney() => MannWhitneyTest.Compute(_baseline, _current);

    [Benchmark]
    public ConfidenceInterval HodgesLehmannRatio() => HodgesLehmann.Ratio(_baseline, _current);

    [Benchmark]
    public ConfidenceInterval MedianWithInterval() => MedianInterval.Compute(_current);

    private static double[] Draw(SplitMix64 random, int count, double centre)
    {
        var sample = new double[count];
        for (var i = 0; i < count; i++)
            sample[i] = centre * (1 + 0.03 * ((random.NextUInt64() >> 11) * (1.0 / (1UL << 53)) - 0.5) * 2);
        return sample;
    }
}
