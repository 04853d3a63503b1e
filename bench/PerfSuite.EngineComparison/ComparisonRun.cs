
using PerfSuite.Lab.State;

namespace PerfSuite.EngineComparison;

/// <summary>The comparison of issue 4 ("the generator must never be the bottleneck"): on the lab's native and vxlan
/// paths, PerfSuite's tcp-stream against iperf3 and its tcp-rr against sockperf's TCP ping-pong, repetitions
/// interleaved across paths and tools, each pair in the same run through the same pods.</summary>
public sealed class ComparisonRun(ComparisonOptions options, TextWriter output)
{
    public static readonly string[] Paths = ["native", "vxlan"];

    public async Task<ComparisonReport> RunAsync(CancellationToken cancel)
    {
        var state = LabStateStore.Default.Load(options.Lab)
            ?? throw new InvalidOperationException($"no lab '{options.Lab}' (perfsuite lab up --paths native,vxlan --name {options.Lab})");
        var lab = new LabRecorder(LabStateStore.Default, state);
        var ends = Paths.Select(name => LabPathEnds.From(state.Paths.SingleOrDefault(p => p.Path == name)
            ?? throw new InvalidOperationException($"lab '{options.Lab}' has no {name} path"))).ToList();

        var paths = new List<PathUnderTest>();
        try
        {
            foreach (var end in ends)
            {
                output.WriteLine($"{end.Path}: starting the agents and the iperf3 and sockperf servers ({end.ClientAddress} in {end.ClientNamespace} -> {end.ServerAddress} in {end.ServerNamespace})");
                paths.Add(await PathUnderTest.StartAsync(end, lab, cancel));
            }
            // One round of every tool on every path that is not recorded: the agents' code gets compiled, the
            // pods' neighbours resolved and the servers' first connection made, for the reference tools alike.
            output.WriteLine("warm-up round (not recorded)");
            foreach (var path in paths)
            {
                await PerfSuiteEngine.StreamAsync(path, options, cancel);
                await Iperf3.StreamAsync(path, options, cancel);
                await PerfSuiteEngine.RoundTripMedianAsync(path, options, cancel);
                await Sockperf.RoundTripMedianAsync(path, options, cancel);
            }
            var environment = ComparisonEnvironment.Read();
            var samples = new List<EngineSample>();
            for (var rep = 1; rep <= options.Repetitions; rep++)
            {
                // Odd repetitions run PerfSuite first, even ones the reference tool: neither always gets the cooler machine.
                var oursFirst = rep % 2 == 1;
                foreach (var path in paths)
                {
                    var name = path.Ends.Path;
                    await Pair(oursFirst,
                        async () => samples.Add(Report(new EngineSample(name, rep, EngineSample.Ours,
                            Stream: await Twice("perfsuite tcp-stream", () => PerfSuiteEngine.StreamAsync(path, options, cancel))))),
                        async () => samples.Add(Report(new EngineSample(name, rep, EngineSample.Iperf3,
                            Stream: await Twice("iperf3", () => Iperf3.StreamAsync(path, options, cancel))))));
                    await Pair(oursFirst,
                        async () => samples.Add(Report(new EngineSample(name, rep, EngineSample.Ours,
                            RoundTripMedianUs: await Twice("perfsuite tcp-rr", () => PerfSuiteEngine.RoundTripMedianAsync(path, options, cancel))))),
                        async () => samples.Add(Report(new EngineSample(name, rep, EngineSample.Sockperf,
                            RoundTripMedianUs: await Twice("sockperf", () => Sockperf.RoundTripMedianAsync(path, options, cancel))))));
                }
            }
            return new ComparisonReport(options, environment with { LoadAverageEnd = ComparisonEnvironment.LoadAverage() }, samples, Retries);
        }
        finally
        {
            foreach (var path in paths)
                await path.DisposeAsync();
        }
    }

    /// <summary>A measurement that fails is run once more before the comparison gives up: on a shared 2-core machine a
    /// tool occasionally fails on its own (sockperf has exited 7 without a word), and one such failure should not
    /// cost the whole run. Each retry is printed; the report holds only measurements that succeeded.</summary>
    private async Task<T> Twice<T>(string what, Func<Task<T>> measure)
    {
        try
        {
            return await measure();
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException or Model.Errors.PerfSuiteException)
        {
            output.WriteLine($"  {what} failed ({e.Message}); running it once more");
            Retries++;
            return await measure();
        }
    }

    /// <summary>Measurements that failed once and were run again.</summary>
    public int Retries { get; private set; }

    private static async Task Pair(bool oursFirst, Func<Task> ours, Func<Task> reference)
    {
        await (oursFirst ? ours : reference)();
        await (oursFirst ? reference : ours)();
    }

    private EngineSample Report(EngineSample sample)
    {
        var what = sample.Stream is { } s
            ? FormattableString.Invariant($"{s.GoodputBps / 1e9:0.000} Gbit/s, node {s.BusyCores:0.00} cores busy = {s.CoreSecondsPerGbit:0.000} core-s/Gbit, tool processes {s.ProcessCoreSecondsPerGbit:0.000} core-s/Gbit")
            : FormattableString.Invariant($"median round trip {sample.RoundTripMedianUs:0.0} µs");
        output.WriteLine($"  rep {sample.Rep} {sample.Path,-6} {sample.Tool,-9} {(sample.Stream is null ? "rr    " : "stream")} {what}");
        return sample;
    }
}
