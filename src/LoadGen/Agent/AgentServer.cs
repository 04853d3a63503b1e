using System.Net;
using System.Net.Sockets;
using PerfSuite.Kernel;
using PerfSuite.LoadGen.Traffic;
using PerfSuite.Model.Errors;

namespace PerfSuite.LoadGen.Agent;

/// <summary>The agent: serves the control protocol (<see cref="AgentProtocol"/>) on a Unix socket (lab) or a TCP
/// address with a token (remote mode) and runs one test side at a time with the traffic engines. A bad request gets
/// an error reply; nothing a peer sends ends the agent except an authenticated shutdown.</summary>
public sealed class AgentServer : IAsyncDisposable
{
    private readonly Socket _listener;
    private readonly string? _unixPath;
    private readonly IPEndPoint? _tcpEndPoint;
    private readonly AgentOptions _options;
    private readonly NetworkScope _scope;
    private readonly TestSlot _slot = new();
    private readonly CancellationTokenSource _shutdown = new();
    private readonly ConnectionBudget _budget;

    private AgentServer(Socket listener, string? unixPath, IPEndPoint? tcpEndPoint, AgentOptions options, NetworkScope scope)
    {
        _listener = listener;
        _unixPath = unixPath;
        _tcpEndPoint = tcpEndPoint;
        _options = options;
        _scope = scope;
        _budget = new ConnectionBudget(options.MaxWaitingConnections, options.MaxConnections);
        Lease = options.Lab is null ? null : new FleetLease(options.Lab);
    }

    /// <summary>Serves on a Unix socket at <paramref name="path"/>, readable and writable by its owner only. A stale
    /// socket file left by a dead agent is replaced; a live agent on the same path is an error.</summary>
    public static AgentServer ListenUnix(string path, AgentOptions options)
    {
        var scope = NetworkScope.Of(options.Netns);
        RemoveStaleSocket(path);
        var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            listener.Bind(new UnixDomainSocketEndPoint(path));
            if (!OperatingSystem.IsWindows())
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            listener.Listen(16);
        }
        catch (SocketException e)
        {
            listener.Dispose();
            throw DataSockets.Failure(e, $"agent control socket {path}");
        }
        return new AgentServer(listener, path, null, options, scope);
    }

    /// <summary>Serves remote runners on <paramref name="endPoint"/> only; every connection must present the token.</summary>
    public static AgentServer ListenTcp(IPEndPoint endPoint, AgentOptions options)
    {
        if (string.IsNullOrEmpty(options.Token))
            throw new PerfSuiteException(ErrorReason.InvalidArgument, "an agent listening on TCP needs a token");
        var scope = NetworkScope.Of(options.Netns);
        var listener = scope.CreateSocket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            listener.Bind(endPoint);
            listener.Listen(16);
        }
        catch (SocketException e)
        {
            listener.Dispose();
            throw DataSockets.Failure(e, $"agent control address {endPoint}");
        }
        var server = new AgentServer(listener, null, (IPEndPoint)listener.LocalEndPoint!, options, scope);
        try
        {
            if (options.DataPort != 0)
                server.EnsureDataPortFree();
        }
        catch
        {
            listener.Dispose();
            throw;
        }
        return server;
    }

    /// <summary><c>unix:PATH</c> or <c>tcp:ADDR:PORT</c> (with the port the kernel chose when 0 was asked).</summary>
    public string ControlAddress => _unixPath is not null ? $"unix:{_unixPath}" : $"tcp:{_tcpEndPoint}";

    public IPEndPoint? TcpEndPoint => _tcpEndPoint;

    /// <summary>Where data listeners bind unless a request names an address.</summary>
    public IPAddress DataAddress => _options.DataAddress
        ?? (_tcpEndPoint is { } tcp ? tcp.Address : IPAddress.Any);

    internal AgentOptions Options => _options;
    internal NetworkScope Scope => _scope;
    internal TestSlot Slot => _slot;

    /// <summary>The fleet lease (--allow-lab), null when lab requests are refused.</summary>
    internal FleetLease? Lease { get; }

    /// <summary>Accepts control connections until <paramref name="cancel"/> fires or a shutdown request arrives.</summary>
    public async Task RunAsync(CancellationToken cancel)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancel, _shutdown.Token);
        var sessions = new List<Task>();
        try
        {
            while (!linked.IsCancellationRequested)
            {
                Socket connection;
                try
                {
                    connection = await _listener.AcceptAsync(linked.Token);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
                catch (SocketException) when (linked.IsCancellationRequested)
                {
                    break;
                }
                sessions.RemoveAll(t => t.IsCompleted);
                var slot = _budget.Admit();
                sessions.Add(Task.Run(async () =>
                {
                    using (slot)
                        await new AgentSession(this, connection, slot).RunAsync(linked.Token);
                }, CancellationToken.None));
            }
        }
        finally
        {
            _slot.Stop(_options.Timeouts.Join);
            _listener.Dispose();
            await Settle(Task.WhenAll(sessions), TimeSpan.FromSeconds(5));
            if (_slot.Current is { } last)
                await Settle(last.Completion, _options.Timeouts.Join);
            if (Lease is not null)
                await Lease.DisposeAsync();
            DeleteSocketFile();
        }
    }

    /// <summary>Ends <see cref="RunAsync"/>; the running test, if any, is stopped.</summary>
    public void RequestShutdown()
    {
        _slot.Stop(_options.Timeouts.Join);
        try
        {
            _shutdown.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Already disposed: nothing left to shut down.
        }
    }

    public ValueTask DisposeAsync()
    {
        RequestShutdown();
        _listener.Dispose();
        DeleteSocketFile();
        _shutdown.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Waits for <paramref name="task"/> to end, at most <paramref name="timeout"/>, whatever its outcome:
    /// at shutdown, a session or test that failed has already reported its failure to its peer.</summary>
    private static async Task Settle(Task task, TimeSpan timeout)
    {
        try
        {
            await task.WaitAsync(timeout, CancellationToken.None);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // See above.
        }
    }

    /// <summary>A fixed data port that another program holds would fail every test; say so when the agent starts.
    /// Binding both protocols and letting go leaves nothing behind: no connection was made.</summary>
    private void EnsureDataPortFree()
    {
        var endPoint = new IPEndPoint(DataAddress, _options.DataPort);
        foreach (var (type, protocol) in new[] { (SocketType.Stream, ProtocolType.Tcp), (SocketType.Dgram, ProtocolType.Udp) })
        {
            using var socket = _scope.CreateSocket(endPoint.AddressFamily, type, protocol);
            try
            {
                if (type == SocketType.Stream)
                    socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
                socket.Bind(endPoint);
            }
            catch (SocketException e)
            {
                throw DataSockets.Failure(e, $"agent data port {protocol.ToString().ToUpperInvariant()} {endPoint}");
            }
        }
    }

    private static void RemoveStaleSocket(string path)
    {
        if (!FileKind.Exists(path))
            return;
        // Only a socket is a dead agent's leftover; any other file at that path is someone's and stays.
        if (!FileKind.IsSocket(path))
            throw new PerfSuiteException(ErrorReason.InvalidArgument, $"{path} exists and is not a Unix socket; not replacing it");
        using (var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
        {
            try
            {
                probe.Connect(new UnixDomainSocketEndPoint(path));
                throw new PerfSuiteException(ErrorReason.Busy, $"another agent is listening on {path}");
            }
            catch (SocketException)
            {
                // Nobody listens: a dead agent's leftover.
            }
        }
        File.Delete(path);
    }

    private void DeleteSocketFile()
    {
        if (_unixPath is null)
            return;
        try
        {
            File.Delete(_unixPath);
        }
        catch (IOException)
        {
            // Someone else's file by now, or already gone.
        }
    }
}
