using BenchmarkDotNet.Attributes;
using PerfSuite.Kernel.Proc;

namespace PerfSuite.Benchmarks.Proc;

/// <summary>Parsing <c>/proc/stat</c> and <c>/proc/softirqs</c>, which the CPU accounting does at both edges of every
/// measurement window: a copy from this 2-core machine and a hand-made 96-CPU host (the Kernel tests' fixtures).</summary>
[MemoryDiagnoser]
public class ProcStatParserBenchmarks
{
    public static IEnumerable<BenchmarkCase<string>> ProcStat() =>
    [
        new("2 CPUs", EmbeddedFixtures.Text("proc/proc-stat.debian12-2cpu.txt")),
        new("96 CPUs", EmbeddedFixtures.Text("proc/proc-stat.hand-96cpu.txt")),
    ];

    public static IEnumerable<BenchmarkCase<string>> Softirqs() =>
    [
        new("2 CPUs", EmbeddedFixtures.Text("proc/proc-softirqs.debian12-2cpu.txt")),
        new("96 CPUs", EmbeddedFixtures.Text("proc/proc-softirqs.hand-96cpu.txt")),
    ];

    [Benchmark]
    [ArgumentsSource(nameof(ProcStat))]
    public ProcStatSnapshot ParseProcStat(BenchmarkCase<string> file) => ProcStatParser.Parse(file.Value);

    [Benchmark]
    [ArgumentsSource(nameof(Softirqs))]
    public SoftirqSnapshot ParseSoftirqs(BenchmarkCase<string> file) => SoftirqsParser.Parse(file.Value);
}
