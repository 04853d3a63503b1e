using PerfSuite.Model.Errors;

namespace PerfSuite.LoadGen.Traffic;

/// <summary>One test as both agents run it. Every field has a default so a spec on the wire only names what
/// differs; the receiver and the sender get the same spec.</summary>
public sealed record TestSpec
{
    /// <summary>iperf3's default write size for TCP.</summary>
    public const int DefaultMessageBytes = 128 * 1024;

    /// <summary>IPv4 (20) + UDP (8) header bytes: a UDP datagram of pod MTU − 28 fills one packet.</summary>
    public const int UdpIpv4HeaderBytes = 28;

    public TestKind Test { get; init; } = TestKind.TcpStream;

    /// <summary>Parallel connections (UDP: parallel sending sockets).</summary>
    public int Streams { get; init; } = 1;

    /// <summary>Length of the measurement window.</summary>
    public double DurationSeconds { get; init; } = 5;

    /// <summary>Traffic before the window (slow start, caches), measured by nothing.</summary>
    public double WarmupSeconds { get; init; } = 1;

    /// <summary>tcp-stream: bytes per send() call.</summary>
    public int MessageBytes { get; init; } = DefaultMessageBytes;

    /// <summary>tcp-rr and tcp-crr: request and response sizes.</summary>
    public int RequestBytes { get; init; } = 1;

    public int ResponseBytes { get; init; } = 1;

    /// <summary>udp-stream: UDP payload bytes per datagram (pod MTU − 28 for IPv4).</summary>
    public int DatagramBytes { get; init; } = 1500 - UdpIpv4HeaderBytes;

    /// <summary>udp-stream: offered load over all streams in bit/s of UDP payload; 0 sends as fast as possible.</summary>
    public double TargetBitsPerSecond { get; init; }

    /// <summary>SO_SNDBUF and SO_RCVBUF; 0 keeps the kernel's autotuning.</summary>
    public int SendBufferBytes { get; init; }

    public int ReceiveBufferBytes { get; init; }

    /// <summary>Width of one timeline interval.</summary>
    public double IntervalSeconds { get; init; } = 0.1;

    public static int DatagramBytesForPodMtu(int podMtu) => podMtu - UdpIpv4HeaderBytes;

    /// <summary>Throws <see cref="PerfSuiteException"/> (InvalidArgument) naming the first field out of range.</summary>
    public void Validate(TestLimits limits)
    {
        if (!Enum.IsDefined(Test))
            throw Invalid($"unknown test {(int)Test}");
        Check(Streams >= 1 && Streams <= limits.MaxStreams, $"streams must be 1..{limits.MaxStreams}, not {Streams}");
        Check(double.IsFinite(DurationSeconds) && DurationSeconds > 0 && DurationSeconds <= limits.MaxDurationSeconds,
            $"duration must be above 0 and at most {limits.MaxDurationSeconds} s, not {DurationSeconds}");
        Check(double.IsFinite(WarmupSeconds) && WarmupSeconds >= 0 && WarmupSeconds <= limits.MaxWarmupSeconds,
            $"warm-up must be 0..{limits.MaxWarmupSeconds} s, not {WarmupSeconds}");
        Check(double.IsFinite(IntervalSeconds) && IntervalSeconds >= limits.MinIntervalSeconds && IntervalSeconds <= DurationSeconds,
            $"interval must be {limits.MinIntervalSeconds} s up to the duration, not {IntervalSeconds}");
        Check(MessageBytes >= 1 && MessageBytes <= limits.MaxMessageBytes,
            $"message size must be 1..{limits.MaxMessageBytes} bytes, not {MessageBytes}");
        Check(RequestBytes >= 1 && RequestBytes <= limits.MaxTransactionBytes,
            $"request size must be 1..{limits.MaxTransactionBytes} bytes, not {RequestBytes}");
        Check(ResponseBytes >= 1 && ResponseBytes <= limits.MaxTransactionBytes,
            $"response size must be 1..{limits.MaxTransactionBytes} bytes, not {ResponseBytes}");
        Check(DatagramBytes >= UdpDatagramHeader.Size && DatagramBytes <= UdpDatagramHeader.MaxDatagramBytes,
            $"datagram size must be {UdpDatagramHeader.Size}..{UdpDatagramHeader.MaxDatagramBytes} bytes, not {DatagramBytes}");
        Check(double.IsFinite(TargetBitsPerSecond) && TargetBitsPerSecond >= 0,
            $"target rate must be 0 (as fast as possible) or positive, not {TargetBitsPerSecond}");
        Check(SendBufferBytes >= 0 && SendBufferBytes <= limits.MaxSocketBufferBytes,
            $"send buffer must be 0..{limits.MaxSocketBufferBytes} bytes, not {SendBufferBytes}");
        Check(ReceiveBufferBytes >= 0 && ReceiveBufferBytes <= limits.MaxSocketBufferBytes,
            $"receive buffer must be 0..{limits.MaxSocketBufferBytes} bytes, not {ReceiveBufferBytes}");
    }

    private static void Check(bool ok, string message)
    {
        if (!ok)
            throw Invalid(message);
    }

    private static PerfSuiteException Invalid(string message) => new(ErrorReason.InvalidArgument, $"test spec: {message}");
}
