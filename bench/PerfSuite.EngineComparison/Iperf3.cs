using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace PerfSuite.EngineComparison;

/// <summary>iperf3's TCP stream through the same path, against the iperf3 server of <see cref="PathUnderTest"/>: one
/// stream, its default 128 KiB writes, <c>-O warm-up</c> so that its own summary leaves slow start out like ours.</summary>
public static class Iperf3
{
    public static async Task<StreamMeasurement> StreamAsync(PathUnderTest path, ComparisonOptions options, CancellationToken cancel)
    {
        string[] arguments =
        [
            "-c", path.Ends.ServerAddress.ToString(), "-p", $"{PathUnderTest.Iperf3Port}", "-J",
            "-t", Seconds(options.DurationSeconds), "-O", Seconds(options.WarmupSeconds),
        ];
        using var client = NamespaceProcess.Start(path.Ends.ClientNamespace, "iperf3", arguments);
        var started = Stopwatch.GetTimestamp();
        var cpu = WindowCpuSampler.MeasureAsync(started, options.WarmupSeconds, options.DurationSeconds, [path.Iperf3ServerPid, client.Pid]);
        var json = await client.OutputAsync(TimeSpan.FromSeconds(options.WarmupSeconds + options.DurationSeconds + 30), cancel);
        return new StreamMeasurement(ReceiverBitsPerSecond(json), await cpu);
    }

    /// <summary>end.sum_received.bits_per_second: what the server received after the omitted seconds, as the
    /// client reports it at the end of the test.</summary>
    public static double ReceiverBitsPerSecond(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        if (root.TryGetProperty("error", out var error))
            throw new InvalidOperationException($"iperf3: {error.GetString()}");
        return root.GetProperty("end").GetProperty("sum_received").GetProperty("bits_per_second").GetDouble();
    }

    private static string Seconds(double value) => Math.Round(value).ToString(CultureInfo.InvariantCulture);
}
