using System.Globalization;
using System.Reflection;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace PerfSuite.Benchmarks;

/// <summary>"Gbit/s": the payload of one operation (<see cref="BytesPerOperationAttribute"/>) × 8 over the mean time
/// per operation, for the benchmarks that move data. Shown only in tables that have such a benchmark.</summary>
public sealed class GoodputColumn : IColumn
{
    public string Id => nameof(GoodputColumn);

    public string ColumnName => "Gbit/s";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "Payload bytes per operation × 8 / mean time per operation";

    public bool IsAvailable(Summary summary) => summary.BenchmarksCases.Any(c => BytesPerOperation(c) is not null);

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var bytes = BytesPerOperation(benchmarkCase);
        var meanNanoseconds = summary[benchmarkCase]?.ResultStatistics?.Mean;
        if (bytes is null || meanNanoseconds is not > 0)
            return "-";
        // Bits per nanosecond are Gbit/s.
        return (bytes.Value * 8 / meanNanoseconds.Value).ToString("0.00", CultureInfo.InvariantCulture);
    }

    private static long? BytesPerOperation(BenchmarkCase benchmarkCase) =>
        benchmarkCase.Descriptor.WorkloadMethod.GetCustomAttribute<BytesPerOperationAttribute>()?.Bytes;
}
