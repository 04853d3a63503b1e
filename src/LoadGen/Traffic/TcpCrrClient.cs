using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using PerfSuite.Model.Errors;

namespace PerfSuite.LoadGen.Traffic;

/// <summary>tcp-crr at the client: each thread opens a connection, sends the request, reads the response and then the
/// server's FIN, and closes; latency covers all of it. The server closes first, so TIME_WAIT lands on the server's
/// side and the client's ephemeral ports are free again at once; a long run at tens of thousands of connections per
/// second would otherwise exhaust them. A socket per transaction is inherent to the test; the request and response
/// buffers are reused.</summary>
internal sealed class TcpCrrClient(SideContext context) : ITrafficSender
{
    public SideResult Run(IPEndPoint peer, CancellationToken cancel)
    {
        var spec = context.Spec;
        // Each worker's connection in flight, so that aborting the set wakes a worker blocked in it.
        using var set = new DataSocketSet(context, cancel);
        var inFlight = set.Sockets;
        var edges = new WindowEdges();
        var plan = MeasurementPlan.StartingAt(Stopwatch.GetTimestamp(), spec);
        var counters = inFlight.Select(_ => new WindowCounter(plan)).ToArray();
        var histograms = inFlight.Select(_ => new LatencyHistogram()).ToArray();
        // Every connection is created by the worker, so the whole loop runs inside the network scope.
        var workers = set.StartWorkers("tcp-crr client", spec.Streams, i => context.Scope.Run(() =>
            Transact(i, peer, inFlight, counters[i], histograms[i], plan)));

        if (!edges.OpenAt(plan.WindowStart, cancel.WaitHandle, workers.AnyEnded))
            throw context.Interrupted(workers, "a connection failed before the window opened", cancel);
        context.CloseWindow(edges, plan, workers, "a connection failed before the window closed", cancel);
        if (!workers.Join(context.Timeouts.Tail))
            throw new PerfSuiteException(ErrorReason.Timeout,
                $"tcp-crr: a transaction took longer than {context.Timeouts.Tail.TotalSeconds:0} s after the window");
        if (workers.Failure is not null)
            throw context.Interrupted(workers, "a connection failed", cancel);

        return context.Result(SideRole.Sender, plan, edges) with
        {
            Transactions = TransactionWindow.Metrics(plan, counters, histograms),
            Goodput = WindowCounter.Goodput(plan, counters),
            Intervals = WindowCounter.Timeline(plan, counters),
        };
    }

    private void Transact(int stream, IPEndPoint peer, Socket?[] inFlight, WindowCounter counter, LatencyHistogram histogram,
        MeasurementPlan plan)
    {
        var spec = context.Spec;
        var request = DataSockets.PinnedBuffer(spec.RequestBytes);
        var response = DataSockets.PinnedBuffer(spec.ResponseBytes);
        var eof = new byte[1];
        var bytes = spec.RequestBytes + spec.ResponseBytes;
        while (!context.Stop.IsSet)
        {
            var begin = Stopwatch.GetTimestamp();
            var socket = new Socket(peer.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            Volatile.Write(ref inFlight[stream], socket);
            try
            {
                socket.Connect(peer);
                if (!DataSockets.SendAll(socket, request) || !DataSockets.ReceiveExactly(socket, response))
                    throw new PerfSuiteException(ErrorReason.Failed, $"tcp-crr: the server closed a connection before its response");
                // The server's FIN follows its response; reading it keeps TIME_WAIT on the server.
                _ = socket.Receive(eof, SocketFlags.None, out _);
            }
            catch (SocketException e)
            {
                if (context.Stop.IsSet)
                    return;
                throw DataSockets.Failure(e, $"tcp-crr: connection to {peer}");
            }
            catch (ObjectDisposedException) when (context.Stop.IsSet)
            {
                return;
            }
            finally
            {
                socket.Dispose();
            }
            var end = Stopwatch.GetTimestamp();
            if (!counter.Add(end, bytes, 1))
                return;
            if (end >= plan.WindowStart)
                histogram.Record(MeasurementPlan.Nanoseconds(end - begin));
        }
    }
}
