using System.Diagnostics.CodeAnalysis;
using BenchmarkDotNet.Attributes;
using PerfSuite.LoadGen.Traffic;

namespace PerfSuite.Benchmarks.Traffic;

/// <summary>tcp-stream's per-buffer loops, sender and receiver, over a loopback connection: one operation is
/// <see cref="BytesPerOperation"/> bytes written by the engine's send loop and read by its receive loop, one of them
/// on the benchmark thread (so that its machine code is what the disassembly shows) and the other on a second thread.
/// The loops are the engine's own (<c>TcpStreamSender.Send</c>, <c>TcpStreamReceiver.Receive</c>), each counting
/// into a window as in a test; the allocation column covers both threads and must read 0 B.</summary>
[MemoryDiagnoser]
[DisassemblyDiagnoser(maxDepth: 2, printSource: true, exportGithubMarkdown: true)]
[SuppressMessage("Design", "CA1001", Justification = "BenchmarkDotNet owns the lifetime: [GlobalCleanup] disposes the sockets")]
public class TcpStreamLoopBenchmarks
{
    public const long BytesPerOperation = 4 << 20;

    private readonly StopSignal _stop = new();
    private readonly SemaphoreSlim _signal = new(0);
    private LoopbackTcpPair _pair = null!;
    private WindowCounter _sent = null!;
    private WindowCounter _received = null!;
    private byte[] _message = [];
    private byte[] _readBuffer = [];
    private Thread _peer = null!;

    public static IEnumerable<BenchmarkCase<int>> WriteSizes() =>
    [
        new("128 KiB writes", TestSpec.DefaultMessageBytes),
        new("16 KiB writes", 16 * 1024),
    ];

    /// <summary>Bytes per send() call (the test's message size); the receiver reads with the engine's own size.</summary>
    [ParamsSource(nameof(WriteSizes))]
    public BenchmarkCase<int> Writes { get; set; } = new("128 KiB writes", TestSpec.DefaultMessageBytes);

    /// <summary>The benchmark thread sends; the receive loop runs on a second thread and signals each operation's
    /// last byte.</summary>
    [GlobalSetup(Target = nameof(SendLoop))]
    public void SetupSendLoop()
    {
        Connect();
        StartPeer("tcp-stream rx", () =>
        {
            while (TcpStreamReceiver.Receive(_pair.Server, _received, _readBuffer, BytesPerOperation) == BytesPerOperation)
                _signal.Release();
        });
    }

    /// <summary>The benchmark thread receives; the send loop runs on a second thread, one operation's bytes per signal.</summary>
    [GlobalSetup(Target = nameof(ReceiveLoop))]
    public void SetupReceiveLoop()
    {
        Connect();
        StartPeer("tcp-stream tx", () =>
        {
            while (true)
            {
                _signal.Wait();
                if (_stop.IsSet || TcpStreamSender.Send(_pair.Client, _sent, _message, _stop, BytesPerOperation) != BytesPerOperation)
                    return;
            }
        });
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _stop.Set();
        // Whichever loop the second thread runs, it returns: the sender sees the stop, the receiver the end of the stream.
        _signal.Release();
        _pair.FinishSending();
        _peer.Join();
        _pair.Dispose();
        _signal.Dispose();
    }

    [Benchmark]
    [BytesPerOperation(BytesPerOperation)]
    public long SendLoop()
    {
        var sent = TcpStreamSender.Send(_pair.Client, _sent, _message, _stop, BytesPerOperation);
        _signal.Wait();
        return sent;
    }

    [Benchmark]
    [BytesPerOperation(BytesPerOperation)]
    public long ReceiveLoop()
    {
        _signal.Release();
        return TcpStreamReceiver.Receive(_pair.Server, _received, _readBuffer, BytesPerOperation);
    }

    private void Connect()
    {
        _pair = new LoopbackTcpPair(noDelay: false);
        var plan = OpenWindow.Plan();
        _sent = new WindowCounter(plan);
        _received = new WindowCounter(plan);
        _message = DataSockets.PinnedBuffer(Writes.Value);
        _readBuffer = DataSockets.PinnedBuffer(TcpStreamReceiver.ReadSize(new TestSpec(MessageBytes: Writes.Value)));
    }

    private void StartPeer(string name, Action loop)
    {
        _peer = new Thread(() => loop()) { IsBackground = true, Name = name };
        _peer.Start();
    }
}
