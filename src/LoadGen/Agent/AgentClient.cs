using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using PerfSuite.LoadGen.Cpu;
using PerfSuite.LoadGen.Traffic;
using PerfSuite.Model.Errors;
using PerfSuite.Model.Results;

namespace PerfSuite.LoadGen.Agent;

/// <summary>The runner's end of an agent's control channel. Requests may overlap (a stop while a results request
/// waits): replies are matched by id. An error reply becomes a <see cref="PerfSuiteException"/> with the agent's
/// reason; a lost connection becomes one with <see cref="ErrorReason.Io"/>, so a dead agent fails its cell and the
/// run goes on.</summary>
public sealed class AgentClient : IAsyncDisposable
{
    private readonly ControlChannel<ControlReply, ControlRequest> _channel;
    private readonly ConcurrentDictionary<long, TaskCompletionSource<ControlReply>> _waiting = new();
    private readonly CancellationTokenSource _closed = new();
    private readonly Task _reader;
    private readonly string? _token;
    private readonly string _nonce = ControlSeal.NewNonce();
    private long _nextId;
    private bool _sealed;
    private volatile string? _lostReason;

    private AgentClient(Stream stream, string name, string? token)
    {
        Name = name;
        _token = token;
        _channel = new ControlChannel<ControlReply, ControlRequest>(stream, AgentProtocol.MaxReplyBytes,
            AgentJsonContext.Default.ControlReply, AgentJsonContext.Default.ControlRequest)
        {
            // An agent that finds the runner's proof wrong can only say so in clear; that ends the session.
            FinalPlainMessage = reply => reply is ErrorReply,
        };
        _reader = Task.Run(ReadRepliesAsync);
    }

    /// <summary>How the agent is named in messages (its control address).</summary>
    public string Name { get; }

    /// <summary>The agent's hello: host, pid, kernel, CPUs, limits.</summary>
    public HelloReply Info { get; private set; } = null!;

    /// <summary>Connects to a lab agent's Unix socket and says hello.</summary>
    public static async Task<AgentClient> ConnectUnixAsync(string path, TimeSpan timeout, CancellationToken cancel)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await ConnectAsync(socket, new UnixDomainSocketEndPoint(path), $"unix:{path}", timeout, cancel);
        return await GreetAsync(new AgentClient(new NetworkStream(socket, ownsSocket: true), $"unix:{path}", null), timeout, cancel);
    }

    /// <summary>Connects to a remote agent and proves <paramref name="token"/> without sending it: the session is then
    /// sealed with keys derived from it (<see cref="ControlSeal"/>), so nobody on the way can read or change it, and an
    /// agent that does not hold the token cannot answer.</summary>
    public static async Task<AgentClient> ConnectTcpAsync(IPEndPoint endPoint, string token, TimeSpan timeout,
        CancellationToken cancel, NetworkScope? scope = null)
    {
        var socket = (scope ?? NetworkScope.Host).CreateSocket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        socket.NoDelay = true;
        await ConnectAsync(socket, endPoint, $"tcp:{endPoint}", timeout, cancel);
        return await GreetAsync(new AgentClient(new NetworkStream(socket, ownsSocket: true), $"tcp:{endPoint}", token), timeout, cancel);
    }

    /// <summary>Binds the receiving side of <paramref name="spec"/>; returns the address and port the sender must use.</summary>
    public async Task<PreparedReply> PrepareReceiveAsync(TestSpec spec, IPAddress? bindAddress, CancellationToken cancel, string? netns = null) =>
        await RequestAsync<PreparedReply>(new PrepareReceiveRequest { Spec = spec, BindAddress = bindAddress?.ToString(), Netns = netns },
            TimeSpan.FromSeconds(10), cancel);

    /// <summary>Starts the sending side against a prepared receiver; returns once it has started.</summary>
    public async Task RunSendAsync(TestSpec spec, IPEndPoint peer, CancellationToken cancel, string? netns = null) =>
        await RequestAsync<StartedReply>(new RunSendRequest { Spec = spec, Peer = peer.Address.ToString(), Port = peer.Port, Netns = netns },
            TimeSpan.FromSeconds(10), cancel);

    /// <summary>A fleet lab request (<see cref="LabRequest"/>); lab building can take a while (wireguard-go starts).</summary>
    public async Task<TReply> LabAsync<TReply>(LabRequest request, CancellationToken cancel) where TReply : ControlReply =>
        await RequestAsync<TReply>(request, TimeSpan.FromSeconds(60), cancel);

    /// <summary>Waits for this agent's current test to finish and returns what its side measured.</summary>
    public async Task<SideResult> ResultsAsync(TimeSpan timeout, CancellationToken cancel)
    {
        var reply = await RequestAsync<ResultsReply>(new ResultsRequest { TimeoutSeconds = timeout.TotalSeconds },
            timeout + TimeSpan.FromSeconds(5), cancel);
        return reply.Result;
    }

    /// <summary>The agent host's CPU over <paramref name="duration"/> with no test running: the idle baseline.</summary>
    public async Task<CpuAccount> SampleCpuAsync(TimeSpan duration, CancellationToken cancel) =>
        (await RequestAsync<CpuReply>(new SampleCpuRequest { DurationSeconds = duration.TotalSeconds },
            duration + TimeSpan.FromSeconds(10), cancel)).Cpu;

    /// <summary>The agent host's environment, with the probe snapshot of the interface its route to
    /// <paramref name="peer"/> (this side's traffic address) leaves by.</summary>
    public async Task<RunEnvironment> EnvironmentAsync(IPAddress? peer, CancellationToken cancel) =>
        (await RequestAsync<EnvironmentReply>(new EnvironmentRequest { Peer = peer?.ToString() }, TimeSpan.FromSeconds(30), cancel)).Environment;

    /// <summary>Aborts the agent's running test; true if one was running.</summary>
    public async Task<bool> StopAsync(CancellationToken cancel) =>
        (await RequestAsync<StoppedReply>(new StopRequest(), TimeSpan.FromSeconds(10), cancel)).WasRunning;

    /// <summary>Ends the agent process.</summary>
    public async Task ShutdownAsync(CancellationToken cancel) =>
        await RequestAsync<ByeReply>(new ShutdownRequest(), TimeSpan.FromSeconds(10), cancel);

    public async ValueTask DisposeAsync()
    {
        await _closed.CancelAsync();
        await _channel.DisposeAsync();
        try
        {
            await _reader;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The reader reports failures to waiting requests, not here.
        }
        _closed.Dispose();
    }

    private static async Task ConnectAsync(Socket socket, EndPoint endPoint, string name, TimeSpan timeout, CancellationToken cancel)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        deadline.CancelAfter(timeout);
        try
        {
            await socket.ConnectAsync(endPoint, deadline.Token);
        }
        catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
        {
            socket.Dispose();
            throw new PerfSuiteException(ErrorReason.Timeout, $"agent {name} did not answer within {timeout.TotalSeconds:0.#} s");
        }
        catch (SocketException e)
        {
            socket.Dispose();
            throw new PerfSuiteException(e.SocketErrorCode is SocketError.ConnectionRefused or SocketError.AddressNotAvailable
                    ? ErrorReason.NotFound : ErrorReason.Io,
                $"cannot reach agent {name}: {e.Message}", e);
        }
    }

    private static async Task<AgentClient> GreetAsync(AgentClient client, TimeSpan timeout, CancellationToken cancel)
    {
        try
        {
            if (client._token is null)
            {
                client.Info = await client.RequestAsync<HelloReply>(new HelloRequest { Protocol = AgentProtocol.Version }, timeout, cancel);
                return client;
            }
            // The reader seals the channel as it reads the challenge (ReadRepliesAsync), before any later line.
            await client.RequestAsync<ChallengeReply>(new HelloRequest { Protocol = AgentProtocol.Version, Nonce = client._nonce }, timeout, cancel);
            client.Info = await client.RequestAsync<HelloReply>(new HelloRequest { Protocol = AgentProtocol.Version }, timeout, cancel);
            return client;
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
    }

    /// <summary>Seals the channel on the agent's challenge. A challenge the runner did not ask for, or a second one, is
    /// a protocol violation; a hello without a challenge from an agent the runner gave a token to is refused by the
    /// reply type check (the runner expected a challenge), so a fake agent cannot skip the proof.</summary>
    private bool TrySeal(ChallengeReply challenge)
    {
        if (_token is null || _sealed || ControlSeal.ParseNonce(challenge.Nonce) is not { } agentNonce)
            return false;
        _channel.Seal(ControlSeal.ForRunner(_token, ControlSeal.ParseNonce(_nonce)!, agentNonce));
        _sealed = true;
        return true;
    }

    private async Task<T> RequestAsync<T>(ControlRequest request, TimeSpan timeout, CancellationToken cancel) where T : ControlReply
    {
        var id = Interlocked.Increment(ref _nextId);
        var waiter = new TaskCompletionSource<ControlReply>(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiting[id] = waiter;
        try
        {
            if (_lostReason is { } lost)
                throw Lost(lost);
            try
            {
                await _channel.WriteAsync(request with { Id = id }, cancel);
            }
            catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
            {
                throw Lost(e.Message);
            }
            ControlReply reply;
            try
            {
                reply = await waiter.Task.WaitAsync(timeout, cancel);
            }
            catch (TimeoutException)
            {
                throw new PerfSuiteException(ErrorReason.Timeout, $"agent {Name} did not reply within {timeout.TotalSeconds:0} s");
            }
            return reply switch
            {
                T wanted => wanted,
                ErrorReply error => throw new PerfSuiteException(ErrorCodes.Parse(error.Code), $"agent {Name}: {error.Message}"),
                _ => throw new PerfSuiteException(ErrorReason.Protocol, $"agent {Name} answered {reply.GetType().Name} to {request.GetType().Name}"),
            };
        }
        finally
        {
            _waiting.TryRemove(id, out _);
        }
    }

    private async Task ReadRepliesAsync()
    {
        var reason = "closed the control connection";
        try
        {
            while (true)
            {
                ControlReply? reply;
                try
                {
                    reply = await _channel.ReadAsync(_closed.Token);
                }
                catch (PerfSuiteException e)
                {
                    reason = $"sent an unreadable reply ({e.Message})";
                    break;
                }
                if (reply is null)
                    break;
                if (reply is ChallengeReply challenge && !TrySeal(challenge))
                {
                    reason = "sent a challenge that does not fit the session";
                    break;
                }
                if (reply.Id is { } id && _waiting.TryGetValue(id, out var waiter))
                    waiter.TrySetResult(reply);
                else if (reply is ErrorReply error)
                {
                    // An error not tied to a request (no hello in time, too many connections) fails everything waiting.
                    reason = $"refused the connection: {error.Message}";
                    FailAll(new PerfSuiteException(ErrorCodes.Parse(error.Code), $"agent {Name}: {error.Message}"));
                }
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            reason = _closed.IsCancellationRequested ? "connection closed by the runner" : $"connection lost: {e.Message}";
        }
        _lostReason = reason;
        FailAll(Lost(reason));
    }

    private void FailAll(PerfSuiteException e)
    {
        foreach (var waiter in _waiting.Values)
            waiter.TrySetException(e);
    }

    private PerfSuiteException Lost(string reason) => new(ErrorReason.Io, $"agent {Name} {reason}");
}
