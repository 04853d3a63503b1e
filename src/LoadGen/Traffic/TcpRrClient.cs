using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using PerfSuite.Model.Errors;

namespace PerfSuite.LoadGen.Traffic;

/// <summary>tcp-rr at the client, where latency is measured: one connection per stream with TCP_NODELAY, each thread
/// sends a request and waits for the whole response, back to back. A transaction belongs to the interval in which its
/// response completed; only those inside the window enter the histogram.</summary>
internal sealed class TcpRrClient(SideContext context) : ITrafficSender
{
    public SideResult Run(IPEndPoint peer, CancellationToken cancel)
    {
        var spec = context.Spec;
        var stop = context.Stop;
        using var set = new DataSocketSet(context, cancel);
        var sockets = set.Sockets;
        var edges = new WindowEdges();
        set.ConnectTcp(peer, noDelay: true);
        var plan = MeasurementPlan.StartingAt(Stopwatch.GetTimestamp(), spec);
        var counters = sockets.Select(_ => new WindowCounter(plan)).ToArray();
        var histograms = sockets.Select(_ => new LatencyHistogram()).ToArray();
        var finished = new bool[sockets.Length];
        var workers = set.StartWorkers("tcp-rr client", sockets.Length, i =>
            finished[i] = Transact(sockets[i], counters[i], histograms[i], plan, spec, stop));

        if (!edges.OpenAt(plan.WindowStart, cancel.WaitHandle, workers.AnyEnded))
            throw context.Interrupted(workers, "the server closed a connection before the window opened", cancel);
        // Workers end on their own right after the window; one that ends earlier lost its connection.
        context.CloseWindow(edges, plan, workers, "the server closed a connection before the window closed", cancel);
        if (!workers.Join(context.Timeouts.Tail))
            throw new PerfSuiteException(ErrorReason.Timeout,
                $"tcp-rr: a response took longer than {context.Timeouts.Tail.TotalSeconds:0} s after the window");
        if (finished.Any(f => !f))
            throw context.Interrupted(workers, "the server closed a connection before the window closed", cancel);

        return context.Result(SideRole.Sender, plan, edges) with
        {
            Transactions = TransactionWindow.Metrics(plan, counters, histograms),
            Goodput = WindowCounter.Goodput(plan, counters),
            Intervals = WindowCounter.Timeline(plan, counters),
        };
    }

    /// <summary>Returns true when the window closed normally, false when the connection failed first.</summary>
    private static bool Transact(Socket socket, WindowCounter counter, LatencyHistogram histogram, MeasurementPlan plan,
        TestSpec spec, StopSignal stop)
    {
        var request = DataSockets.PinnedBuffer(spec.RequestBytes);
        var response = DataSockets.PinnedBuffer(spec.ResponseBytes);
        if (!Exchange(socket, request, response, counter, histogram, plan.WindowStart, stop))
            return false;
        // Tells the server this connection is done, so it can end without waiting for its own deadline.
        socket.Shutdown(SocketShutdown.Send);
        return true;
    }

    /// <summary>The request/response loop of one connection, back to back until <paramref name="stop"/> is set, the
    /// window closes or <paramref name="limit"/> transactions are done; false when the connection failed first. The
    /// engine sets no limit; the benchmarks (bench/Traffic) set one so that an operation is a fixed number of
    /// transactions through this very loop.</summary>
    internal static bool Exchange(Socket socket, ReadOnlySpan<byte> request, Span<byte> response, WindowCounter counter,
        LatencyHistogram histogram, long windowStart, StopSignal stop, long limit = long.MaxValue)
    {
        var bytes = request.Length + response.Length;
        for (long done = 0; done < limit && !stop.IsSet; done++)
        {
            var begin = Stopwatch.GetTimestamp();
            if (!DataSockets.SendAll(socket, request) || !DataSockets.ReceiveExactly(socket, response))
                return false;
            var end = Stopwatch.GetTimestamp();
            if (!counter.Add(end, bytes, 1))
                break;
            if (end >= windowStart)
                histogram.Record(MeasurementPlan.Nanoseconds(end - begin));
        }
        return true;
    }
}
