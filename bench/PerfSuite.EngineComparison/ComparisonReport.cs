using System.Globalization;
using System.Text;
using PerfSuite.Model.Statistics;

namespace PerfSuite.EngineComparison;

/// <summary>The ratios of issue 4 per path, from the medians over repetitions, with the targets, and the Markdown
/// that <c>results/bench/engines.md</c> holds.</summary>
public sealed class ComparisonReport(ComparisonOptions options, ComparisonEnvironment environment, IReadOnlyList<EngineSample> samples,
    int retries = 0)
{
    public const double GoodputTarget = 0.95;
    public const double CpuPerGbitTarget = 1.05;
    public const double LatencyTolerance = 0.10;

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public IReadOnlyList<EngineSample> Samples => samples;

    public sealed record PathRatios(string Path, double OursGbit, double Iperf3Gbit, double OursCorePerGbit, double Iperf3CorePerGbit,
        double OursProcessCorePerGbit, double Iperf3ProcessCorePerGbit, double OursRoundTripUs, double SockperfRoundTripUs)
    {
        public double Goodput => OursGbit / Iperf3Gbit;
        public double CpuPerGbit => OursCorePerGbit / Iperf3CorePerGbit;
        public double ProcessCpuPerGbit => OursProcessCorePerGbit / Iperf3ProcessCorePerGbit;
        public double RoundTrip => OursRoundTripUs / SockperfRoundTripUs;
        public bool GoodputMet => Goodput >= GoodputTarget;
        public bool CpuPerGbitMet => CpuPerGbit <= CpuPerGbitTarget;
        public bool RoundTripMet => Math.Abs(RoundTrip - 1) <= LatencyTolerance;
    }

    public IReadOnlyList<PathRatios> Ratios() => ComparisonRun.Paths.Select(path =>
    {
        double Median(string tool, Func<EngineSample, double?> value) =>
            SampleStatistics.Median(samples.Where(s => s.Path == path && s.Tool == tool).Select(value).OfType<double>().ToArray());
        return new PathRatios(path,
            Median(EngineSample.Ours, s => s.Stream?.GoodputBps / 1e9), Median(EngineSample.Iperf3, s => s.Stream?.GoodputBps / 1e9),
            Median(EngineSample.Ours, s => s.Stream?.CoreSecondsPerGbit), Median(EngineSample.Iperf3, s => s.Stream?.CoreSecondsPerGbit),
            Median(EngineSample.Ours, s => s.Stream?.ProcessCoreSecondsPerGbit), Median(EngineSample.Iperf3, s => s.Stream?.ProcessCoreSecondsPerGbit),
            Median(EngineSample.Ours, s => s.RoundTripMedianUs), Median(EngineSample.Sockperf, s => s.RoundTripMedianUs));
    }).ToList();

    /// <summary>The ratios, one line per path and metric, for the terminal.</summary>
    public void WriteSummary(TextWriter output)
    {
        output.WriteLine();
        foreach (var r in Ratios())
        {
            output.WriteLine(Line($"{r.Path,-6} goodput      ours/iperf3   {r.Goodput:0.000}  (target ≥ {GoodputTarget:0.00}: {Verdict(r.GoodputMet)})  {r.OursGbit:0.000} vs {r.Iperf3Gbit:0.000} Gbit/s"));
            output.WriteLine(Line($"{r.Path,-6} CPU per Gbit ours/iperf3   {r.CpuPerGbit:0.000}  (target ≤ {CpuPerGbitTarget:0.00}: {Verdict(r.CpuPerGbitMet)})  {r.OursCorePerGbit:0.000} vs {r.Iperf3CorePerGbit:0.000} core-s/Gbit"));
            output.WriteLine(Line($"{r.Path,-6} process CPU  ours/iperf3   {r.ProcessCpuPerGbit:0.000}  (no target: the tools' own processes)  {r.OursProcessCorePerGbit:0.000} vs {r.Iperf3ProcessCorePerGbit:0.000} core-s/Gbit"));
            output.WriteLine(Line($"{r.Path,-6} rr median    ours/sockperf {r.RoundTrip:0.000}  (target {1 - LatencyTolerance:0.00}–{1 + LatencyTolerance:0.00}: {Verdict(r.RoundTripMet)})  {r.OursRoundTripUs:0.0} vs {r.SockperfRoundTripUs:0.0} µs round trip"));
        }
        output.WriteLine(Line($"load average (1/5/15 min): {environment.LoadAverageStart} at the start, {environment.LoadAverageEnd} at the end"));
        if (SaturationNote() is { } note)
            output.WriteLine(note);
    }

    public string Markdown(string commandLine)
    {
        var md = new StringBuilder();
        void L(FormattableString line) => md.Append(line.ToString(Invariant)).Append('\n');
        L($"# Traffic engine against iperf3 and sockperf");
        L($"");
        L($"Made by `{commandLine}` on {environment.StartedUtc:yyyy-MM-dd HH:mm} UTC; how it measures: below and `bench/README.md`.");
        L($"");
        L($"| | |");
        L($"|---|---|");
        L($"| machine | {environment.CpuModel}, {environment.Cores} cores, Linux {environment.Kernel}, {environment.Runtime} |");
        L($"| tools | {environment.Iperf3Version}; {environment.SockperfVersion} |");
        L($"| load average (1/5/15 min) | {environment.LoadAverageStart} at the start, {environment.LoadAverageEnd} at the end |");
        L($"| settings | {options.Repetitions} repetitions, {options.DurationSeconds:0.#} s window after {options.WarmupSeconds:0.#} s warm-up, one stream (128 KiB writes, buffer autotuning), one rr connection with {options.MessageBytes} B each way |");
        if (retries > 0)
            L($"| retries | {retries} measurement(s) failed once and were run again (the run's log says which and why) |");
        L($"");
        L($"## Ratios (medians over repetitions)");
        L($"");
        L($"| path | goodput ours / iperf3 (target ≥ {GoodputTarget:0.00}) | node CPU per Gbit ours / iperf3 (target ≤ {CpuPerGbitTarget:0.00}) | tcp-rr median round trip ours / sockperf (target {1 - LatencyTolerance:0.00}–{1 + LatencyTolerance:0.00}) | tool processes' CPU per Gbit ours / iperf3 (no target) |");
        L($"|---|---|---|---|---|");
        foreach (var r in Ratios())
        {
            L($"| {r.Path} | **{r.Goodput:0.000}** {Verdict(r.GoodputMet)} ({r.OursGbit:0.000} vs {r.Iperf3Gbit:0.000} Gbit/s) | **{r.CpuPerGbit:0.000}** {Verdict(r.CpuPerGbitMet)} ({r.OursCorePerGbit:0.000} vs {r.Iperf3CorePerGbit:0.000} core-s/Gbit) | **{r.RoundTrip:0.000}** {Verdict(r.RoundTripMet)} ({r.OursRoundTripUs:0.0} vs {r.SockperfRoundTripUs:0.0} µs) | {r.ProcessCpuPerGbit:0.000} ({r.OursProcessCorePerGbit:0.000} vs {r.Iperf3ProcessCorePerGbit:0.000} core-s/Gbit) |");
        }
        if (SaturationNote() is { } note)
        {
            L($"");
            L($"{note}");
        }
        L($"");
        L($"## Every repetition");
        L($"");
        L($"| path | rep | tool | Gbit/s | node busy cores | of which softirq | node core-s/Gbit | tool processes core-s/Gbit | median round trip µs |");
        L($"|---|---:|---|---:|---:|---:|---:|---:|---:|");
        foreach (var s in samples.OrderBy(s => Array.IndexOf(ComparisonRun.Paths, s.Path)).ThenBy(s => s.Stream is null).ThenBy(s => s.Tool, StringComparer.Ordinal).ThenBy(s => s.Rep))
        {
            if (s.Stream is { } m)
                L($"| {s.Path} | {s.Rep} | {s.Tool} | {m.GoodputBps / 1e9:0.000} | {m.BusyCores:0.00} | {m.SoftirqCores:0.00} | {m.CoreSecondsPerGbit:0.000} | {m.ProcessCoreSecondsPerGbit:0.000} | |");
            else
                L($"| {s.Path} | {s.Rep} | {s.Tool} | | | | | | {s.RoundTripMedianUs:0.0} |");
        }
        L($"");
        L($"## How it is measured");
        L($"");
        L($"- Lab: `perfsuite lab up --paths native,vxlan`, one client pod and one server pod per path; every tool runs in those same pods (PerfSuite as `perfsuite agent` processes, iperf3 and sockperf clients in the client pod against servers in the server pod).");
        L($"- Interleaving: each repetition runs native then vxlan; on each path the stream pair then the rr pair, PerfSuite first in odd repetitions and the reference tool first in even ones.");
        L($"- Goodput: bytes received over the window. PerfSuite: the receiver's window after its warm-up. iperf3: `-t {options.DurationSeconds:0} -O {options.WarmupSeconds:0}`, `end.sum_received` (the server's bytes after the omitted seconds).");
        L($"- CPU: node-wide busy time from `/proc/stat` (user+nice+system+irq+softirq+steal, all CPUs) between {options.WarmupSeconds:0.#} s and {options.WarmupSeconds + options.DurationSeconds:0.#} s after each tool is told to send, read the same way for both tools; divided by that measurement's goodput. It includes everything on the node (both ends, the datapath's softirq, and whatever else the machine was running).");
        L($"- Tool processes' CPU: user + system time of the tool's processes at both ends over the same window (`/proc/PID/stat`: PerfSuite's two agents; the iperf3 server and client). Without CONFIG_IRQ_TIME_ACCOUNTING the kernel charges softirq work done in a process's context to that process, so this includes much of the datapath; what it leaves out is every other process, which keeps it comparable when other work loads the machine. It has no target.");
        L($"- Warm-up: before the first repetition every tool runs once on every path, unrecorded (the agents' code gets compiled, neighbours resolved), then each measurement omits its own warm-up.");
        L($"- Latency: round trips, not one-way. PerfSuite's tcp-rr median is a round trip; sockperf ping-pong reports one-way latency (round trip / 2) by default, so it runs with `--full-rtt` and its `percentile 50.000` is compared as it is. sockperf runs `-t {Math.Ceiling(options.WarmupSeconds + options.DurationSeconds):0}` and drops its own 0.4 s warm-up.");
        L($"- The ratios are median(PerfSuite) / median(reference) over the repetitions. These are benchmarks, not tests: a missed target is reported, not failed.");
        return md.ToString();
    }

    /// <summary>When the node's CPUs were (nearly) all busy during the stream measurements, node-wide CPU per Gbit is
    /// busy cores / goodput with busy cores pinned at the core count: it then only restates the goodput ratio, and
    /// includes whatever else ran. Said in the report rather than left for the reader to find.</summary>
    private string? SaturationNote()
    {
        var busy = samples.Where(s => s.Stream is not null).Select(s => s.Stream!.BusyCores).ToArray();
        if (busy.Length == 0)
            return null;
        var median = SampleStatistics.Median(busy);
        return median < 0.9 * environment.Cores ? null : string.Create(Invariant,
            $"Note: the node was saturated during the stream measurements (median {median:0.00} of {environment.Cores} cores busy, load average {environment.LoadAverageStart} at the start): node-wide CPU per Gbit then mirrors the goodput ratio and counts other work on the machine; the tool processes' CPU per Gbit is the cleaner comparison of the engines' own cost in this run.");
    }

    private static string Verdict(bool met) => met ? "meets" : "MISSES";

    private static string Line(FormattableString text) => text.ToString(Invariant);
}
