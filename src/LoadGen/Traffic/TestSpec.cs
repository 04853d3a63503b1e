using System.Net.Sockets;
using PerfSuite.Model.Errors;

namespace PerfSuite.LoadGen.Traffic;

/// <summary>One test as both agents run it. Every field has a default so a spec on the wire only names what
/// differs (a positional record: System.Text.Json fills a missing constructor parameter with its default, whereas a
/// missing init-only property would become zero); the receiver and the sender get the same spec.</summary>
/// <param name="Test">Which test.</param>
/// <param name="Streams">Parallel connections (UDP: parallel sending sockets).</param>
/// <param name="DurationSeconds">Length of the measurement window.</param>
/// <param name="WarmupSeconds">Traffic before the window (slow start, caches), measured by nothing.</param>
/// <param name="MessageBytes">tcp-stream: bytes per send() call.</param>
/// <param name="RequestBytes">tcp-rr and tcp-crr: request size.</param>
/// <param name="ResponseBytes">tcp-rr and tcp-crr: response size.</param>
/// <param name="DatagramBytes">udp-stream: UDP payload bytes per datagram (pod MTU − 28 over IPv4, − 48 over IPv6, at
/// most 65507, <see cref="DatagramBytesForPodMtu"/>);
/// the other tests send no datagram and neither use nor check it.</param>
/// <param name="TargetBitsPerSecond">udp-stream: offered load over all streams in bit/s of UDP payload; 0 sends as
/// fast as possible.</param>
/// <param name="SendBufferBytes">SO_SNDBUF; 0 keeps the kernel's autotuning.</param>
/// <param name="ReceiveBufferBytes">SO_RCVBUF; 0 keeps the kernel's autotuning.</param>
/// <param name="IntervalSeconds">Width of one timeline interval.</param>
public sealed record TestSpec(
    TestKind Test = TestKind.TcpStream,
    int Streams = 1,
    double DurationSeconds = 5,
    double WarmupSeconds = 1,
    int MessageBytes = TestSpec.DefaultMessageBytes,
    int RequestBytes = 1,
    int ResponseBytes = 1,
    int DatagramBytes = 1500 - TestSpec.UdpIpv4HeaderBytes,
    double TargetBitsPerSecond = 0,
    int SendBufferBytes = 0,
    int ReceiveBufferBytes = 0,
    double IntervalSeconds = 0.1)
{
    /// <summary>iperf3's default write size for TCP.</summary>
    public const int DefaultMessageBytes = 128 * 1024;

    /// <summary>IPv4 (20) + UDP (8) header bytes: a UDP datagram of pod MTU − 28 fills one IPv4 packet.</summary>
    public const int UdpIpv4HeaderBytes = 28;

    /// <summary>IPv6 (40, RFC 8200 §3) + UDP (8) header bytes: over IPv6 a datagram of pod MTU − 48 fills one packet.</summary>
    public const int UdpIpv6HeaderBytes = 48;

    /// <summary>The UDP payload that fills one packet of <paramref name="podMtu"/> over the address family the data
    /// flows in, valid for any MTU: capped at the largest UDP payload IPv4 carries (65507, so a 64 KiB loopback or a
    /// veth of MTU 65535 sends the largest datagram rather than one no socket accepts; over IPv6 the cap never bites
    /// below an MTU of 65555) and raised to the smallest datagram the test can send (its header).</summary>
    public static int DatagramBytesForPodMtu(int podMtu, AddressFamily family = AddressFamily.InterNetwork) =>
        Math.Clamp(podMtu - HeaderBytes(family), UdpDatagramHeader.Size, UdpDatagramHeader.MaxDatagramBytes);

    /// <summary>IP and UDP header bytes of one datagram in <paramref name="family"/>.</summary>
    public static int HeaderBytes(AddressFamily family) => family switch
    {
        AddressFamily.InterNetwork => UdpIpv4HeaderBytes,
        AddressFamily.InterNetworkV6 => UdpIpv6HeaderBytes,
        _ => throw new ArgumentOutOfRangeException(nameof(family), family, "UDP over IPv4 or IPv6 only"),
    };

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
        Check(Test != TestKind.UdpStream || (DatagramBytes >= UdpDatagramHeader.Size && DatagramBytes <= UdpDatagramHeader.MaxDatagramBytes),
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
