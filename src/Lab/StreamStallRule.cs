namespace PerfSuite.Lab;

/// <summary>A device whose received-packet counter must keep rising while a test's traffic flows: the receiving pod's
/// interface (data, requests), and for TCP the sending pod's too (acknowledgements, responses).</summary>
public sealed record WatchedStream(string Namespace, string Device, string Description);

/// <summary>What the stream watch of one cell needs: the devices whose counters must rise, how long the traffic lasts
/// once it has begun (warm-up + window), and — when the test was started before the watch (a fleet agent watches from
/// the runner's request for results) — how long before the watch it was started: the traffic began no earlier.</summary>
public sealed record StreamExpectation(IReadOnlyList<WatchedStream> Streams, TimeSpan Traffic, TimeSpan? StartedAgo = null);

/// <summary>
/// When a stream has stalled, from readings of one device's received-packet counter. The counters are the kernel's,
/// so two readings with the same count prove that no packet arrived between them, however late the reader ran: a
/// stall is such a pair at least <see cref="Limit"/> apart, both inside the traffic's expected span. That span begins
/// at the earliest the traffic can have begun — the last reading before the counter first rose, or, for a test started
/// before the watch, when it was started (<paramref name="startedAgo"/> before the first reading) — and lasts the test's
/// warm-up and window less <see cref="Margin"/> (the agents' clocks may start a little before their first packet), so
/// the silence after a test ends is never taken for a stall. Nothing is judged before the first packet: a test that
/// never starts fails in the engine with its own reason.
/// </summary>
public sealed class StreamStallRule(TimeSpan traffic, TimeSpan? limit = null, TimeSpan? startedAgo = null)
{
    /// <summary>Silence that is a stall: TCP's retransmission timer starts at 200 ms and a healthy stream, even on two
    /// busy cores, never goes a second without a packet.</summary>
    public static readonly TimeSpan DefaultLimit = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan Margin = TimeSpan.FromMilliseconds(300);

    private ulong? _baseline;
    private TimeSpan _beforeFirst;
    private TimeSpan? _start;
    private TimeSpan _sameSince;
    private ulong _count;

    public TimeSpan Limit { get; } = limit ?? DefaultLimit;

    /// <summary>Feeds the reading taken at <paramref name="at"/> (time since the cell began); returns how long the
    /// stream has been silent when that is a stall, else null.</summary>
    public TimeSpan? Observe(TimeSpan at, ulong packets)
    {
        if (_baseline is not { } baseline)
        {
            (_baseline, _beforeFirst) = (packets, at);
            return null;
        }
        if (_start is not { } start)
        {
            if (packets == baseline)
                _beforeFirst = at;
            else
                (_start, _sameSince, _count) = (startedAgo is { } ago ? -ago : _beforeFirst, at, packets);
            return null;
        }
        if (packets != _count)
        {
            (_sameSince, _count) = (at, packets);
            return null;
        }
        var silent = at - _sameSince;
        return silent >= Limit && at <= start + traffic - Margin ? silent : null;
    }
}
