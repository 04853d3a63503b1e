using System.Net;
using System.Net.Sockets;
using PerfSuite.Model.Errors;

namespace PerfSuite.LoadGen.Traffic;

/// <summary>The sockets and worker threads of one side of a test. Cancelling the test and disposing the set both set
/// the side's stop signal and abort every socket (<see cref="DataSockets.Abort"/>: shut down, then closed), which wakes
/// any worker still blocked on one; a worker that then touches a closed socket ends with an exception that
/// <see cref="WorkerThreads"/> keeps, never an unhandled one. Disposing then waits (up to the join timeout) for the
/// workers, so a side does not return or fail while its threads still run.</summary>
internal sealed class DataSocketSet : IDisposable
{
    private readonly SideContext _context;
    private readonly CancellationToken _cancel;
    private readonly CancellationTokenRegistration _onCancel;
    private WorkerThreads? _workers;

    /// <summary>One socket per stream, each null until it is connected or accepted (or, for tcp-crr's client, while
    /// no connection is in flight).</summary>
    public DataSocketSet(SideContext context, CancellationToken cancel)
        : this(context, new Socket[context.Spec.Streams], cancel)
    {
    }

    /// <summary>A side whose workers share sockets it already has: a listener, or one socket for every stream.</summary>
    public DataSocketSet(SideContext context, Socket[] sockets, CancellationToken cancel)
    {
        _context = context;
        _cancel = cancel;
        Sockets = sockets;
        _onCancel = cancel.Register(Abort);
    }

    public Socket[] Sockets { get; }

    /// <summary>Starts the side's workers, <paramref name="count"/> threads running <paramref name="body"/>(index).</summary>
    public WorkerThreads StartWorkers(string name, int count, Action<int> body)
    {
        if (_workers is not null)
            throw new InvalidOperationException("the workers were started already");
        _workers = WorkerThreads.Start(name, count, body);
        return _workers;
    }

    /// <summary>Opens one TCP connection per stream to <paramref name="peer"/>, each within the connect timeout.</summary>
    public void ConnectTcp(IPEndPoint peer, bool noDelay)
    {
        for (var i = 0; i < Sockets.Length; i++)
        {
            Sockets[i] = DataSockets.NewTcp(_context.Scope, peer.AddressFamily, _context.Spec, noDelay);
            DataSockets.Connect(Sockets[i], peer, _context.Timeouts.Connect);
        }
    }

    /// <summary>One connected UDP socket per stream: send() then goes to <paramref name="peer"/> only, and an ICMP port
    /// unreachable from it comes back as an error.</summary>
    public void ConnectUdp(IPEndPoint peer)
    {
        for (var i = 0; i < Sockets.Length; i++)
        {
            Sockets[i] = DataSockets.NewUdp(_context.Scope, peer.AddressFamily, _context.Spec);
            try
            {
                Sockets[i].Connect(peer);
            }
            catch (SocketException e)
            {
                throw DataSockets.Failure(e, $"{TestKinds.Name(_context.Spec.Test)}: connecting to {peer}");
            }
        }
    }

    /// <summary>Accepts one connection per stream from <paramref name="listener"/>, all within the first-traffic
    /// timeout. Accepted sockets inherit the listener's buffer sizes.</summary>
    public void AcceptTcp(Socket listener, bool noDelay, string peerName)
    {
        var name = TestKinds.Name(_context.Spec.Test);
        var timeout = _context.Timeouts.FirstTraffic;
        var deadline = WindowClock.After(timeout);
        for (var i = 0; i < Sockets.Length; i++)
        {
            Sockets[i] = DataSockets.Accept(listener, deadline, _context.Stop)
                ?? throw (_cancel.IsCancellationRequested
                    ? new PerfSuiteException(ErrorReason.Failed, $"{name}: stopped while waiting for the {peerName}")
                    : new PerfSuiteException(ErrorReason.Timeout,
                        $"{name}: {i} of {Sockets.Length} connections from the {peerName} within {timeout.TotalSeconds:0} s"));
            if (noDelay)
                Sockets[i].NoDelay = true;
        }
    }

    /// <summary>Sets the stop signal and aborts every socket. Never throws; safe to call more than once and from the
    /// cancellation callback while a worker is blocked on a socket.</summary>
    public void Abort()
    {
        _context.Stop.Set();
        foreach (var socket in Sockets)
            DataSockets.Abort(socket);
    }

    public void Dispose()
    {
        _onCancel.Dispose();
        Abort();
        if (_workers is null)
            return;
        // A worker that does not end even now is left to the process (they are background threads); the side has
        // already failed or returned its result, and this must not throw.
        _workers.Join(_context.Timeouts.Join);
        _workers.Dispose();
    }
}
