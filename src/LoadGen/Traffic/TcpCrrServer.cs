using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using PerfSuite.Model.Errors;

namespace PerfSuite.LoadGen.Traffic;

/// <summary>tcp-crr at the server: one accepting thread per stream on a shared listener; each reads the request,
/// writes the response and closes first. Its window opens when the first connection is pending, and it ends once
/// no connection has arrived for a moment after its window (the client has finished) or at its deadline. Its
/// listener has a deep backlog: a burst of SYNs must not be dropped and retried a second later, which would show as
/// latency.</summary>
internal sealed class TcpCrrServer(SideContext context, IPEndPoint bind) : TcpListeningReceiver(context, bind, backlog: 4096)
{
    /// <summary>Without a connection for this long after the window, the client is done.</summary>
    private static readonly TimeSpan Idle = TimeSpan.FromMilliseconds(200);

    public override SideResult Run(CancellationToken cancel)
    {
        var spec = Context.Spec;
        var stop = Context.Stop;
        using var set = new DataSocketSet(Context, [Listener], cancel);
        var edges = new WindowEdges();
        if (!DataSockets.WaitReadable(Listener, WindowClock.After(Context.Timeouts.FirstTraffic), stop))
            throw cancel.IsCancellationRequested
                ? new PerfSuiteException(ErrorReason.Failed, "tcp-crr: stopped while waiting for the client")
                : new PerfSuiteException(ErrorReason.Timeout,
                    $"tcp-crr: no connection within {Context.Timeouts.FirstTraffic.TotalSeconds:0} s");
        var plan = MeasurementPlan.StartingAt(Stopwatch.GetTimestamp(), spec);
        var counters = Enumerable.Range(0, spec.Streams).Select(_ => new WindowCounter(plan)).ToArray();
        var lastAccepted = new long[spec.Streams];
        var workers = set.StartWorkers("tcp-crr server", spec.Streams, i =>
            Serve(counters[i], ref lastAccepted[i]));

        if (!edges.OpenAt(plan.WindowStart, cancel.WaitHandle, workers.AnyEnded))
            throw Context.Interrupted(workers, "the accepting threads ended before the window opened", cancel);
        if (!edges.CloseAt(plan.WindowEnd, cancel.WaitHandle, workers.AnyEnded))
            throw Context.Interrupted(workers, "the accepting threads ended before the window closed", cancel);

        var deadline = WindowClock.After(Context.Timeouts.Tail);
        while (Stopwatch.GetTimestamp() < deadline && !cancel.IsCancellationRequested)
        {
            var last = 0L;
            for (var i = 0; i < lastAccepted.Length; i++)
                last = Math.Max(last, Volatile.Read(ref lastAccepted[i]));
            if (Stopwatch.GetElapsedTime(Math.Max(last, plan.WindowEnd)) >= Idle)
                break;
            cancel.WaitHandle.WaitOne(Idle / 4);
        }
        set.Abort();
        if (!workers.Join(Context.Timeouts.Join))
            throw new PerfSuiteException(ErrorReason.Failed, "tcp-crr: accepting threads did not stop");
        if (workers.Failure is not null)
            throw Context.Interrupted(workers, "serving a connection failed", cancel);
        return Context.Result(SideRole.Receiver, plan, edges) with
        {
            Transactions = TransactionWindow.Counted(plan, counters),
            Goodput = WindowCounter.Goodput(plan, counters),
            Intervals = WindowCounter.Timeline(plan, counters),
        };
    }

    private void Serve(WindowCounter counter, ref long lastAccepted)
    {
        var spec = Context.Spec;
        var request = DataSockets.PinnedBuffer(spec.RequestBytes);
        var response = DataSockets.PinnedBuffer(spec.ResponseBytes);
        var bytes = spec.RequestBytes + spec.ResponseBytes;
        while (!Context.Stop.IsSet)
        {
            Socket socket;
            try
            {
                socket = Listener.Accept();
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                if (Context.Stop.IsSet)
                    return;
                throw;
            }
            Volatile.Write(ref lastAccepted, Stopwatch.GetTimestamp());
            using (socket)
            {
                socket.NoDelay = true;
                // A client that gave up mid-transaction (its window ended) is not this side's failure.
                if (!DataSockets.ReceiveExactly(socket, request) || !DataSockets.SendAll(socket, response))
                    continue;
            }
            counter.Add(Stopwatch.GetTimestamp(), bytes, 1);
        }
    }
}
