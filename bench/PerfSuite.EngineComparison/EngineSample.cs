namespace PerfSuite.EngineComparison;

/// <summary>One repetition of one tool on one path: a stream measurement, or a request/response median round trip.</summary>
public sealed record EngineSample(string Path, int Rep, string Tool, StreamMeasurement? Stream = null, double? RoundTripMedianUs = null)
{
    public const string Ours = "perfsuite";
    public const string Iperf3 = "iperf3";
    public const string Sockperf = "sockperf";
}
