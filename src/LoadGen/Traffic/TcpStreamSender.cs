using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using PerfSuite.Model.Errors;

namespace PerfSuite.LoadGen.Traffic;

/// <summary>tcp-stream at the sender: one thread per stream writes one reused buffer as fast as the socket takes it,
/// until the receiver resets the connection at the end of its window (or the sender's own deadline passes). The
/// coordinator reads tcp_info at the window edges and once per interval for RTT, retransmits and RFC 6349's
/// efficiency and buffer delay.</summary>
internal sealed class TcpStreamSender(SideContext context) : ITrafficSender
{
    public SideResult Run(IPEndPoint peer, CancellationToken cancel)
    {
        var spec = context.Spec;
        var stop = context.Stop;
        using var set = new DataSocketSet(context, cancel);
        var sockets = set.Sockets;
        var edges = new WindowEdges();
        set.ConnectTcp(peer, noDelay: false);
        var plan = MeasurementPlan.StartingAt(Stopwatch.GetTimestamp(), spec);
        var sendBuffer = sockets[0].SendBufferSize;
        var counters = sockets.Select(_ => new WindowCounter(plan)).ToArray();
        // One buffer for every stream: send() only reads it.
        var message = DataSockets.PinnedBuffer(spec.MessageBytes);
        var workers = set.StartWorkers("tcp-stream tx", sockets.Length,
            i => Send(sockets[i], counters[i], message, stop));

        var tcp = new TcpWindowStats(sockets);
        if (!edges.OpenAt(plan.WindowStart, cancel.WaitHandle, workers.AnyEnded))
            throw context.Interrupted(workers, "the receiver closed a stream before the window opened", cancel);
        tcp.Open();
        for (var i = 1; i < plan.IntervalCount; i++)
        {
            if (!WindowClock.SleepUntil(plan.WindowStart + i * plan.IntervalTicks, cancel.WaitHandle, workers.AnyEnded))
                break;
            tcp.Sample();
        }
        context.CloseWindow(edges, plan, workers, "the receiver closed a stream before the window closed", cancel);
        tcp.Close();

        // The receiver's window opened a little after ours; keep sending until it resets the streams.
        WindowClock.SleepUntil(WindowClock.After(context.Timeouts.Tail), cancel.WaitHandle, workers.AllEnded);
        set.Abort();
        if (!workers.Join(context.Timeouts.Join))
            throw new PerfSuiteException(ErrorReason.Failed, "tcp-stream: send threads did not stop");

        return context.Result(SideRole.Sender, plan, edges) with
        {
            Goodput = WindowCounter.Goodput(plan, counters),
            Tcp = tcp.Metrics(),
            Intervals = WindowCounter.Timeline(plan, counters),
            EffectiveSendBufferBytes = sendBuffer,
        };
    }

    /// <summary>One stream's send loop: writes <paramref name="message"/> until <paramref name="stop"/> is set, the
    /// connection ends or <paramref name="limit"/> bytes have gone, and returns the bytes sent. The engine sets no
    /// limit; the benchmarks (bench/Traffic) set one so that an operation is a fixed amount of data through this
    /// very loop.</summary>
    internal static long Send(Socket socket, WindowCounter counter, ReadOnlySpan<byte> message, StopSignal stop,
        long limit = long.MaxValue)
    {
        long total = 0;
        while (!stop.IsSet && total < limit)
        {
            var left = limit - total;
            var sent = socket.Send(left < message.Length ? message[..(int)left] : message, SocketFlags.None, out var error);
            if (sent <= 0 || error != SocketError.Success)
                break;
            counter.Add(Stopwatch.GetTimestamp(), sent, 0);
            total += sent;
        }
        return total;
    }
}
