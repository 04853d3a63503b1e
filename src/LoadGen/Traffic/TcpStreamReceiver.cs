using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using PerfSuite.Model.Errors;

namespace PerfSuite.LoadGen.Traffic;

/// <summary>tcp-stream at the receiver, where goodput is counted: accepts all streams, starts its clock when the last
/// one is in, counts every recv() by the time it returned, and at the end of its window resets the connections,
/// which is what tells the sender to stop.</summary>
internal sealed class TcpStreamReceiver(SideContext context, IPEndPoint bind)
    : TcpListeningReceiver(context, bind, backlog: context.Spec.Streams + 16)
{
    public override SideResult Run(CancellationToken cancel)
    {
        var spec = Context.Spec;
        using var set = new DataSocketSet(Context, cancel);
        var sockets = set.Sockets;
        var edges = new WindowEdges();
        set.AcceptTcp(Listener, noDelay: false, "sender");
        var plan = MeasurementPlan.StartingAt(Stopwatch.GetTimestamp(), spec);
        var receiveBuffer = sockets[0].ReceiveBufferSize;
        var counters = sockets.Select(_ => new WindowCounter(plan)).ToArray();
        var bufferSize = ReadSize(spec);
        var workers = set.StartWorkers("tcp-stream rx", sockets.Length,
            i => Receive(sockets[i], counters[i], DataSockets.PinnedBuffer(bufferSize)));

        // A worker that ends before the window closes means the sender went away: fail now, not at the end.
        if (!edges.OpenAt(plan.WindowStart, cancel.WaitHandle, workers.AnyEnded))
            throw Context.Interrupted(workers, "a stream ended before the window opened", cancel);
        Context.CloseWindow(edges, plan, workers, "a stream ended before the window closed", cancel);
        set.Abort();
        if (!workers.Join(Context.Timeouts.Join))
            throw new PerfSuiteException(ErrorReason.Failed, "tcp-stream: receive threads did not stop");

        return Context.Result(SideRole.Receiver, plan, edges) with
        {
            Goodput = WindowCounter.Goodput(plan, counters),
            Intervals = WindowCounter.Timeline(plan, counters),
            EffectiveReceiveBufferBytes = receiveBuffer,
        };
    }

    /// <summary>Bytes per recv(): the receiver's own business, large enough that a read drains what GRO delivered,
    /// small enough that 128 streams do not pin gigabytes.</summary>
    internal static int ReadSize(TestSpec spec) => Math.Clamp(spec.MessageBytes, TestSpec.DefaultMessageBytes, 1 << 20);

    /// <summary>One stream's receive loop: reads into <paramref name="buffer"/> until the connection ends or
    /// <paramref name="limit"/> bytes have arrived, and returns the bytes received. The engine sets no limit; the
    /// benchmarks (bench/Traffic) set one so that an operation is a fixed amount of data through this very loop.</summary>
    internal static long Receive(Socket socket, WindowCounter counter, Span<byte> buffer, long limit = long.MaxValue)
    {
        long total = 0;
        while (total < limit)
        {
            var left = limit - total;
            var received = socket.Receive(left < buffer.Length ? buffer[..(int)left] : buffer, SocketFlags.None, out var error);
            if (received <= 0 || error != SocketError.Success)
                break;
            counter.Add(Stopwatch.GetTimestamp(), received, 0);
            total += received;
        }
        return total;
    }
}
