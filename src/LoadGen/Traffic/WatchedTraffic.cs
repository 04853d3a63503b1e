using PerfSuite.Lab;

namespace PerfSuite.LoadGen.Traffic;

/// <summary>Which pods' received-packet counters a cell's stall watch follows (<see cref="StreamStallRule"/>): the
/// receiving pod's always (data, requests, datagrams), the sending pod's for TCP (acknowledgements, responses; a UDP
/// sender receives nothing), for as long as the test sends (warm-up + window).</summary>
public static class WatchedTraffic
{
    /// <summary>Below this offered UDP load (bit/s of payload) datagrams may come seconds apart, so silence proves
    /// nothing and the stream is not watched: at 1 Mbit/s even 9,000-byte datagrams come every 72 ms.</summary>
    public const double MinimumJudgedUdpBitsPerSecond = 1e6;

    /// <summary>The expectation of <paramref name="spec"/> on the given sides (null: that side is not watched here),
    /// for a test started <paramref name="startedAgo"/> before the watch begins (null: it starts under the watch);
    /// null when nothing can be judged.</summary>
    public static StreamExpectation? Of(TestSpec spec, WatchedStream? receiving, WatchedStream? sending, TimeSpan? startedAgo = null)
    {
        if (spec.Test == TestKind.UdpStream && spec.TargetBitsPerSecond is > 0 and < MinimumJudgedUdpBitsPerSecond)
            return null;
        List<WatchedStream> streams = [];
        if (receiving is not null)
            streams.Add(receiving);
        if (sending is not null && spec.Test != TestKind.UdpStream)
            streams.Add(sending);
        return streams.Count == 0 ? null
            : new StreamExpectation(streams, TimeSpan.FromSeconds(spec.WarmupSeconds + spec.DurationSeconds), startedAgo);
    }
}
