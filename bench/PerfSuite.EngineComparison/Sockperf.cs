using System.Globalization;
using System.Text.RegularExpressions;

namespace PerfSuite.EngineComparison;

/// <summary>sockperf's TCP ping-pong through the same path, against the sockperf server of <see cref="PathUnderTest"/>.
/// sockperf reports one-way latency (half the round trip) unless told <c>--full-rtt</c>; it is told, so its median is a
/// round trip like tcp-rr's, and nothing is halved or doubled.</summary>
public static partial class Sockperf
{
    public static async Task<double> RoundTripMedianAsync(PathUnderTest path, ComparisonOptions options, CancellationToken cancel)
    {
        // sockperf leaves out its own warm-up (0.4 s of dummy messages) from the statistics; -t is the whole run, so it
        // is given the warm-up and the window that tcp-rr is given, in whole seconds as it takes them.
        var seconds = (int)Math.Ceiling(options.WarmupSeconds + options.DurationSeconds);
        string[] arguments =
        [
            "pp", "--tcp", "-i", path.Ends.ServerAddress.ToString(), "-p", $"{PathUnderTest.SockperfPort}",
            "-m", $"{options.MessageBytes}", "-t", $"{seconds}", "--full-rtt",
        ];
        var output = await NamespaceProcess.RunAsync(path.Ends.ClientNamespace, "sockperf", arguments, TimeSpan.FromSeconds(seconds + 30), cancel);
        return MedianRoundTripMicroseconds(output);
    }

    public static double MedianRoundTripMicroseconds(string output)
    {
        var match = Median().Match(output);
        if (!match.Success)
            throw new InvalidOperationException($"sockperf printed no median:\n{output}");
        return double.Parse(match.Groups["us"].Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"percentile 50\.000 =\s*(?<us>[0-9.]+)")]
    private static partial Regex Median();
}
