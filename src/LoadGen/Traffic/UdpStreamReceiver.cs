using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using PerfSuite.Model.Errors;

namespace PerfSuite.LoadGen.Traffic;

/// <summary>udp-stream at the receiver: one socket and one thread read every stream's datagrams; the window opens a
/// warm-up after the first datagram. Per stream it tracks the sequence range, late arrivals and RFC 3550 jitter of
/// the datagrams that arrived inside the window.</summary>
internal sealed class UdpStreamReceiver : ITrafficReceiver
{
    private readonly SideContext _context;
    private readonly Socket _socket;
    private readonly UdpStreamStatistics[] _streams;
    private readonly ManualResetEventSlim _firstDatagram = new(false);
    private MeasurementPlan? _plan;
    private WindowCounter? _counter;
    private long _foreign;

    public UdpStreamReceiver(SideContext context, IPEndPoint bind)
    {
        _context = context;
        _socket = DataSockets.BindUdp(context.Scope, bind, context.Spec);
        _streams = new UdpStreamStatistics[context.Spec.Streams];
    }

    public IPEndPoint LocalEndPoint => (IPEndPoint)_socket.LocalEndPoint!;

    public SideResult Run(CancellationToken cancel)
    {
        var spec = _context.Spec;
        using var set = new DataSocketSet(_context, [_socket], cancel);
        var edges = new WindowEdges();
        var receiveBuffer = _socket.ReceiveBufferSize;
        var workers = set.StartWorkers("udp-stream rx", 1, _ => Receive());
        if (WaitHandle.WaitAny([_firstDatagram.WaitHandle, cancel.WaitHandle, workers.AnyEnded],
                _context.Timeouts.FirstTraffic) != 0)
            throw cancel.IsCancellationRequested
                ? new PerfSuiteException(ErrorReason.Failed, "udp-stream: stopped while waiting for the sender")
                : workers.Failure is not null
                    ? _context.Interrupted(workers, "receiving failed", cancel)
                    : new PerfSuiteException(ErrorReason.Timeout,
                        $"udp-stream: no datagram within {_context.Timeouts.FirstTraffic.TotalSeconds:0} s");
        var plan = _plan!;
        if (!edges.OpenAt(plan.WindowStart, cancel.WaitHandle, workers.AnyEnded)
            || !edges.CloseAt(plan.WindowEnd, cancel.WaitHandle, workers.AnyEnded))
            throw _context.Interrupted(workers, "receiving failed", cancel);
        set.Abort();
        if (!workers.Join(_context.Timeouts.Join))
            throw new PerfSuiteException(ErrorReason.Failed, "udp-stream: the receive thread did not stop");

        var counter = _counter!;
        long received = 0, expected = 0, lost = 0, outOfOrder = 0;
        double jitter = 0;
        var active = 0;
        foreach (var s in _streams)
        {
            received += s.Received;
            expected += s.Expected;
            lost += s.Lost;
            outOfOrder += s.OutOfOrder;
            if (s.Received > 0)
            {
                jitter += s.JitterNs;
                active++;
            }
        }
        return _context.Result(SideRole.Receiver, plan, edges) with
        {
            Goodput = WindowCounter.Goodput(plan, [counter]),
            Udp = new UdpReceiverMetrics(received, expected, lost, expected > 0 ? lost * 100.0 / expected : 0,
                outOfOrder, active > 0 ? jitter / active / 1e3 : 0, Interlocked.Read(ref _foreign),
                received / plan.WindowSeconds),
            Intervals = WindowCounter.Timeline(plan, [counter]),
            EffectiveReceiveBufferBytes = receiveBuffer,
        };
    }

    private void Receive()
    {
        var buffer = DataSockets.PinnedBuffer(UdpDatagramHeader.MaxDatagramBytes + 1);
        var span = buffer.AsSpan();
        var streams = _streams.AsSpan();
        MeasurementPlan? plan = null;
        WindowCounter? counter = null;
        while (!_context.Stop.IsSet)
        {
            var received = _socket.Receive(span, SocketFlags.None, out var error);
            var now = Stopwatch.GetTimestamp();
            if (error != SocketError.Success)
            {
                if (_context.Stop.IsSet)
                    return;
                // ICMP errors from an earlier send are reported on the next recv; a receiver never sends, so this is
                // stray, but a real failure must not spin.
                if (error is SocketError.ConnectionRefused or SocketError.ConnectionReset)
                    continue;
                throw new PerfSuiteException(ErrorReason.Io, $"udp-stream: receive failed: {error}");
            }
            if (received == 0 && _context.Stop.IsSet)
                return;
            if (!UdpDatagramHeader.TryRead(span[..received], out var header) || header.Stream >= (uint)streams.Length)
            {
                Interlocked.Increment(ref _foreign);
                continue;
            }
            if (plan is null)
            {
                plan = _plan = MeasurementPlan.StartingAt(now, _context.Spec);
                counter = _counter = new WindowCounter(plan);
                _firstDatagram.Set();
            }
            counter!.Add(now, received, 1);
            if (now >= plan.WindowStart && now < plan.WindowEnd)
                streams[(int)header.Stream].Add(header, received, MeasurementPlan.Nanoseconds(now));
        }
    }

    public void Dispose()
    {
        _socket.Dispose();
        _firstDatagram.Dispose();
    }
}
