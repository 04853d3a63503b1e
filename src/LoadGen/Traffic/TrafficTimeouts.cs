namespace PerfSuite.LoadGen.Traffic;

/// <summary>How long each side waits for the other, outside the measurement itself.</summary>
public sealed record TrafficTimeouts
{
    public static TrafficTimeouts Default { get; } = new();

    /// <summary>Connecting one TCP stream (SYN to established).</summary>
    public TimeSpan Connect { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>A receiver waiting for the sender's first connection or datagram after prepare-receive.</summary>
    public TimeSpan FirstTraffic { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>After its window, how long a side keeps serving while the other side finishes its own window (which
    /// started a little later), before it stops on its own.</summary>
    public TimeSpan Tail { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a UDP sender keeps sending after its window, to cover the receiver's later start.</summary>
    public TimeSpan UdpTail { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Workers must end this long after they were told to; otherwise the side fails.</summary>
    public TimeSpan Join { get; init; } = TimeSpan.FromSeconds(5);
}
