using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using PerfSuite.Model.Errors;

namespace PerfSuite.LoadGen.Traffic;

/// <summary>tcp-rr at the server: accepts all streams, then one thread per connection reads a request and writes the
/// response until the client shuts its side down. It counts transactions in its own window (opened when the last
/// stream was accepted) for its CPU figures; latency is the client's.</summary>
internal sealed class TcpRrServer(SideContext context, IPEndPoint bind)
    : TcpListeningReceiver(context, bind, backlog: context.Spec.Streams + 16)
{
    public override SideResult Run(CancellationToken cancel)
    {
        var spec = Context.Spec;
        using var set = new DataSocketSet(Context, cancel);
        var sockets = set.Sockets;
        var edges = new WindowEdges();
        set.AcceptTcp(Listener, noDelay: true, "client");
        var plan = MeasurementPlan.StartingAt(Stopwatch.GetTimestamp(), spec);
        var counters = sockets.Select(_ => new WindowCounter(plan)).ToArray();
        var workers = set.StartWorkers("tcp-rr server", sockets.Length, i => Serve(sockets[i], counters[i], spec));

        if (!edges.OpenAt(plan.WindowStart, cancel.WaitHandle, workers.AnyEnded))
            throw Context.Interrupted(workers, "the client closed a connection before the window opened", cancel);
        Context.CloseWindow(edges, plan, workers, "the client closed a connection before the window closed", cancel);
        // The client's window ends a little after ours; it then shuts its side down and the workers return.
        if (!workers.Join(Context.Timeouts.Tail + Context.Timeouts.Join))
            throw new PerfSuiteException(ErrorReason.Timeout, "tcp-rr: the client kept the connections open after its window");
        return Context.Result(SideRole.Receiver, plan, edges) with
        {
            Transactions = TransactionWindow.Counted(plan, counters),
            Goodput = WindowCounter.Goodput(plan, counters),
            Intervals = WindowCounter.Timeline(plan, counters),
        };
    }

    private static void Serve(Socket socket, WindowCounter counter, TestSpec spec) =>
        Answer(socket, DataSockets.PinnedBuffer(spec.RequestBytes), DataSockets.PinnedBuffer(spec.ResponseBytes), counter);

    /// <summary>The server's loop on one connection: reads a whole request, writes the response, until the client
    /// shuts its side down or <paramref name="limit"/> transactions are done; returns the transactions answered.</summary>
    internal static long Answer(Socket socket, Span<byte> request, ReadOnlySpan<byte> response, WindowCounter counter,
        long limit = long.MaxValue)
    {
        var bytes = request.Length + response.Length;
        long done = 0;
        while (done < limit && DataSockets.ReceiveExactly(socket, request) && DataSockets.SendAll(socket, response))
        {
            counter.Add(Stopwatch.GetTimestamp(), bytes, 1);
            done++;
        }
        return done;
    }
}
