using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace PerfSuite.Benchmarks;

/// <summary>Runs the benchmarks named on the command line (BenchmarkDotNet's switcher: <c>--filter '*'</c> runs all,
/// <c>--list flat</c> lists them). <c>bench/run</c> is the one command that runs everything and keeps the results.</summary>
public static class Program
{
    public static void Main(string[] args)
    {
        // Case labels say what a case is ("1480 B (MTU 1500)"); the default cuts them at 20 characters.
        var config = DefaultConfig.Instance
            .WithSummaryStyle(SummaryStyle.Default.WithMaxParameterColumnWidth(40))
            .AddColumn(StatisticColumn.OperationsPerSecond, new GoodputColumn());
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
    }
}
