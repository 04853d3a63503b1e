using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using PerfSuite.Model.Errors;

namespace PerfSuite.LoadGen.Traffic;

/// <summary>udp-stream at the sender: one connected socket and thread per stream, each datagram stamped with its
/// stream, sequence number and send time. At a target rate it paces on a 1 ms clock as iperf3 does (sleep, then
/// send what is due), so it does not burn a core spinning; with no target it sends as fast as the socket takes
/// datagrams. It stops a moment after its own window (the receiver's opened a little later) or when the receiver's
/// port answers with ICMP unreachable after the window.</summary>
internal sealed class UdpStreamSender(SideContext context) : ITrafficSender
{
    public SideResult Run(IPEndPoint peer, CancellationToken cancel)
    {
        var spec = context.Spec;
        using var set = new DataSocketSet(context, cancel);
        var sockets = set.Sockets;
        var edges = new WindowEdges();
        set.ConnectUdp(peer);
        var sendBuffer = sockets[0].SendBufferSize;
        var plan = MeasurementPlan.StartingAt(Stopwatch.GetTimestamp(), spec);
        var end = plan.WindowEnd + MeasurementPlan.Ticks(context.Timeouts.UdpTail.TotalSeconds);
        var counters = sockets.Select(_ => new WindowCounter(plan)).ToArray();
        var errors = new long[sockets.Length];
        var perStreamRate = spec.TargetBitsPerSecond / 8 / spec.DatagramBytes / spec.Streams;
        var workers = set.StartWorkers("udp-stream tx", sockets.Length, i =>
            errors[i] = Send(i, sockets[i], counters[i], plan, end, perStreamRate));

        if (!edges.OpenAt(plan.WindowStart, cancel.WaitHandle, workers.AnyEnded))
            throw context.Interrupted(workers, "the receiver refused datagrams before the window opened", cancel);
        context.CloseWindow(edges, plan, workers, "the receiver refused datagrams before the window closed", cancel);
        if (!workers.Join(context.Timeouts.UdpTail + context.Timeouts.Join))
            throw new PerfSuiteException(ErrorReason.Failed, "udp-stream: send threads did not stop");
        if (workers.Failure is not null)
            throw context.Interrupted(workers, "sending failed", cancel);

        var window = counters.Sum(c => c.WindowOperations);
        var total = window + counters.Sum(c => c.WarmupOperations + c.AfterOperations);
        var windowBytes = counters.Sum(c => c.WindowBytes);
        return context.Result(SideRole.Sender, plan, edges) with
        {
            Goodput = WindowCounter.Goodput(plan, counters),
            UdpSender = new UdpSenderMetrics(window, total, errors.Sum(), windowBytes * 8 / plan.WindowSeconds),
            Intervals = WindowCounter.Timeline(plan, counters),
            EffectiveSendBufferBytes = sendBuffer,
        };
    }

    /// <summary>Returns the number of sends the kernel refused for lack of buffer space.</summary>
    private long Send(int stream, Socket socket, WindowCounter counter, MeasurementPlan plan, long end, double datagramsPerSecond)
    {
        var buffer = DataSockets.PinnedBuffer(context.Spec.DatagramBytes);
        var span = (ReadOnlySpan<byte>)buffer;
        var paced = datagramsPerSecond > 0;
        var perTick = datagramsPerSecond / Stopwatch.Frequency;
        ulong sequence = 0;
        long refusedSends = 0;
        while (!context.Stop.IsSet)
        {
            var now = Stopwatch.GetTimestamp();
            if (now >= end)
                return refusedSends;
            if (paced && sequence >= (ulong)((now - plan.Origin) * perTick))
            {
                Thread.Sleep(1);
                continue;
            }
            new UdpDatagramHeader((uint)stream, sequence, MeasurementPlan.Nanoseconds(now)).Write(buffer);
            var sent = socket.Send(span, SocketFlags.None, out var error);
            if (error == SocketError.Success && sent > 0)
            {
                counter.Add(now, sent, 1);
                sequence++;
                continue;
            }
            switch (error)
            {
                case SocketError.NoBufferSpaceAvailable or SocketError.WouldBlock:
                    refusedSends++;
                    // The sequence number is not advanced: a datagram the kernel refused was never sent.
                    break;
                case SocketError.ConnectionRefused when now >= plan.WindowEnd - context.EarlyEndTolerance:
                    return refusedSends;
                case SocketError.ConnectionRefused:
                    throw new PerfSuiteException(ErrorReason.Failed,
                        "udp-stream: the receiver's port is closed (ICMP port unreachable)");
                default:
                    if (context.Stop.IsSet)
                        return refusedSends;
                    throw new PerfSuiteException(ErrorReason.Io, $"udp-stream: send failed: {error}");
            }
        }
        return refusedSends;
    }
}
