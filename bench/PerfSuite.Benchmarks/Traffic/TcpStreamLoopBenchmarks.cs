using System.Diagnostics.CodeAnalysis;
using BenchmarkDotNet.Attributes;
using PerfSuite.LoadGen.Traffic;

namespace PerfSuite.Benchmarks.Traffic;

/// <summary>tcp-stream's per-buffer loops, sender and receiver, over a loopback connection: one operation is
/// <see cref="BytesPerOperation"/> bytes written by the engine's send loop on the benchmark thread and read by its
/// receive loop on a second thread, timed until the last byte has been read. The loops are the engine's own
/// (<c>TcpStreamSender.Send</c>, <c>TcpStreamReceiver.Receive</c>), each counting into a window as in a test, so
/// the allocation column covers both threads and must read 0 B.</summary>
[MemoryDiagnoser]
[DisassemblyDiagnoser(maxDepth: 2, printSource: true, exportGithubMarkdown: true)]
[SuppressMessage("Design", "CA1001", Justification = "BenchmarkDotNet owns the lifetime: [GlobalCleanup] disposes the sockets")]
public class TcpStreamLoopBenchmarks
{
    public const long BytesPerOperation = 4 << 20;

    private readonly StopSignal _stop = new();
    private readonly SemaphoreSlim _delivered = new(0);
    private LoopbackTcpPair _pair = null!;
    private WindowCounter _sent = null!;
    private WindowCounter _received = null!;
    private byte[] _message = [];
    private Thread _receiver = null!;

    public static IEnumerable<BenchmarkCase<int>> WriteSizes() =>
    [
        new("128 KiB writes", TestSpec.DefaultMessageBytes),
        new("16 KiB writes", 16 * 1024),
    ];

    /// <summary>Bytes per send() call (the test's message size); the receiver reads with the engine's own size.</summary>
    [ParamsSource(nameof(WriteSizes))]
    public BenchmarkCase<int> Writes { get; set; } = new("128 KiB writes", TestSpec.DefaultMessageBytes);

    [GlobalSetup]
    public void Setup()
    {
        _pair = new LoopbackTcpPair(noDelay: false);
        var plan = OpenWindow.Plan();
        _sent = new WindowCounter(plan);
        _received = new WindowCounter(plan);
        _message = DataSockets.PinnedBuffer(Writes.Value);
        var readBuffer = DataSockets.PinnedBuffer(TcpStreamReceiver.ReadSize(new TestSpec(MessageBytes: Writes.Value)));
        _receiver = new Thread(() =>
        {
            while (TcpStreamReceiver.Receive(_pair.Server, _received, readBuffer, BytesPerOperation) == BytesPerOperation)
                _delivered.Release();
        })
        {
            IsBackground = true,
            Name = "tcp-stream rx",
        };
        _receiver.Start();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _stop.Set();
        _pair.FinishSending();
        _receiver.Join();
        _pair.Dispose();
        _delivered.Dispose();
    }

    [Benchmark]
    [BytesPerOperation(BytesPerOperation)]
    public long SendAndReceive()
    {
        var sent = TcpStreamSender.Send(_pair.Client, _sent, _message, _stop, BytesPerOperation);
        _delivered.Wait();
        return sent;
    }
}
