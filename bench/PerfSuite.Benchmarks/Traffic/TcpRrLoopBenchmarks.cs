using System.Diagnostics.CodeAnalysis;
using BenchmarkDotNet.Attributes;
using PerfSuite.LoadGen.Traffic;

namespace PerfSuite.Benchmarks.Traffic;

/// <summary>tcp-rr's request/response loops over a loopback connection with TCP_NODELAY: the engine's client loop
/// (<c>TcpRrClient.Exchange</c>: send the request, read the whole response, record the latency) on the benchmark
/// thread and its server loop (<c>TcpRrServer.Answer</c>) on a second one. Times are per transaction; the allocation
/// column covers both threads and must read 0 B.</summary>
[MemoryDiagnoser]
[DisassemblyDiagnoser(maxDepth: 2, printSource: true, exportGithubMarkdown: true)]
[SuppressMessage("Design", "CA1001", Justification = "BenchmarkDotNet owns the lifetime: [GlobalCleanup] disposes the sockets")]
public class TcpRrLoopBenchmarks
{
    public const int TransactionsPerInvoke = 200;

    private readonly StopSignal _stop = new();
    private readonly LatencyHistogram _histogram = new();
    private LoopbackTcpPair _pair = null!;
    private WindowCounter _client = null!;
    private WindowCounter _server = null!;
    private long _windowStart;
    private byte[] _request = [];
    private byte[] _response = [];
    private Thread _serverThread = null!;

    public static IEnumerable<BenchmarkCase<int>> MessageSizes() =>
    [
        new("1 B each way", 1),
        new("1 KiB each way", 1024),
    ];

    /// <summary>Request and response size.</summary>
    [ParamsSource(nameof(MessageSizes))]
    public BenchmarkCase<int> Messages { get; set; } = new("1 B each way", 1);

    [GlobalSetup]
    public void Setup()
    {
        _pair = new LoopbackTcpPair(noDelay: true);
        var plan = OpenWindow.Plan();
        _windowStart = plan.WindowStart;
        _client = new WindowCounter(plan);
        _server = new WindowCounter(plan);
        _request = DataSockets.PinnedBuffer(Messages.Value);
        _response = DataSockets.PinnedBuffer(Messages.Value);
        var serverRequest = DataSockets.PinnedBuffer(Messages.Value);
        var serverResponse = DataSockets.PinnedBuffer(Messages.Value);
        _serverThread = new Thread(() => TcpRrServer.Answer(_pair.Server, serverRequest, serverResponse, _server))
        {
            IsBackground = true,
            Name = "tcp-rr server",
        };
        _serverThread.Start();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _stop.Set();
        _pair.FinishSending();
        _serverThread.Join();
        _pair.Dispose();
    }

    [Benchmark(OperationsPerInvoke = TransactionsPerInvoke)]
    public bool Transactions() =>
        TcpRrClient.Exchange(_pair.Client, _request, _response, _client, _histogram, _windowStart, _stop, TransactionsPerInvoke);
}
