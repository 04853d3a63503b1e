using System.Diagnostics;
using System.Net;
using PerfSuite.LoadGen.Agent;
using PerfSuite.LoadGen.Traffic;

namespace PerfSuite.EngineComparison;

/// <summary>PerfSuite's traffic engine between the two agents of a path, as <c>perfsuite run</c> drives it.</summary>
public static class PerfSuiteEngine
{
    /// <summary>tcp-stream, one stream, iperf3's write size (128 KiB) and the kernel's buffer autotuning.</summary>
    public static async Task<StreamMeasurement> StreamAsync(PathUnderTest path, ComparisonOptions options, CancellationToken cancel)
    {
        var spec = new TestSpec(TestKind.TcpStream, Streams: 1, DurationSeconds: options.DurationSeconds, WarmupSeconds: options.WarmupSeconds);
        var (outcome, cpu) = await RunAsync(path, spec, options, cancel);
        return new StreamMeasurement(outcome.GoodputBps ?? throw new InvalidOperationException("tcp-stream reported no goodput"), cpu);
    }

    /// <summary>tcp-rr, one connection: the median round trip in microseconds.</summary>
    public static async Task<double> RoundTripMedianAsync(PathUnderTest path, ComparisonOptions options, CancellationToken cancel)
    {
        var spec = new TestSpec(TestKind.TcpRr, Streams: 1, DurationSeconds: options.DurationSeconds, WarmupSeconds: options.WarmupSeconds,
            RequestBytes: options.MessageBytes, ResponseBytes: options.MessageBytes);
        var (outcome, _) = await RunAsync(path, spec, options, cancel);
        return outcome.LatencyUs?.P50Us ?? throw new InvalidOperationException("tcp-rr reported no latency");
    }

    private static async Task<(TestOutcome Outcome, WindowCpu Cpu)> RunAsync(PathUnderTest path, TestSpec spec,
        ComparisonOptions options, CancellationToken cancel)
    {
        var receiver = path.ServerAgent.Client;
        var sender = path.ClientAgent.Client;
        var prepared = await receiver.PrepareReceiveAsync(spec, null, cancel);
        // The clock of every tool starts when it is told to send, here as for iperf3 and sockperf.
        var started = Stopwatch.GetTimestamp();
        var cpu = WindowCpuSampler.MeasureAsync(started, options.WarmupSeconds, options.DurationSeconds,
            [path.ServerAgent.Pid, path.ClientAgent.Pid]);
        await sender.RunSendAsync(spec, new IPEndPoint(path.Ends.ServerAddress, prepared.Port), cancel);
        var wait = TimeSpan.FromSeconds(spec.WarmupSeconds + spec.DurationSeconds + 30);
        var receiving = receiver.ResultsAsync(wait, cancel);
        var sending = sender.ResultsAsync(wait, cancel);
        try
        {
            await Task.WhenAll(receiving, sending);
        }
        catch
        {
            await StopQuietly(receiver);
            await StopQuietly(sender);
            throw;
        }
        return (new TestOutcome(await sending, await receiving), await cpu);
    }

    private static async Task StopQuietly(AgentClient agent)
    {
        try
        {
            await agent.StopAsync(CancellationToken.None);
        }
        catch (Model.Errors.PerfSuiteException)
        {
            // A dead agent has nothing to stop; the first failure is what gets reported.
        }
    }
}
