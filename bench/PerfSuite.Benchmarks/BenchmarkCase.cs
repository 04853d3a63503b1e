namespace PerfSuite.Benchmarks;

/// <summary>An argument of a benchmark: its <see cref="Label"/> is what the results table shows in the argument
/// column, and <see cref="Value"/> what the benchmark works on.</summary>
public sealed class BenchmarkCase<T>(string label, T value)
{
    public string Label { get; } = label;

    public T Value { get; } = value;

    public override string ToString() => Label;
}
