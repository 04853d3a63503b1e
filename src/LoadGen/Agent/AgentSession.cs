using System.Net;
using System.Net.Sockets;
using PerfSuite.Kernel;
using PerfSuite.Kernel.Proc;
using PerfSuite.Lab;
using PerfSuite.LoadGen.Cpu;
using PerfSuite.LoadGen.Traffic;
using PerfSuite.Model.Errors;
using PerfSuite.Probe.Host;

namespace PerfSuite.LoadGen.Agent;

/// <summary>One control connection to an agent. Requests are read in order; results requests wait on their own so
/// that a stop can still be read while a test runs. The first request must be hello (with the token in remote mode).</summary>
internal sealed class AgentSession(AgentServer server, Socket connection, ConnectionBudget.Slot slot)
{
    private readonly List<Task> _pending = [];
    private int _waiting;

    /// <summary>The datapath of the fleet pod the last test was started in, watched until its results are sent.</summary>
    private DatapathWatch? _watch;

    /// <summary>That pod's interface, whose received packets show the test's stream flowing.</summary>
    private WatchedStream? _stream;

    public async Task RunAsync(CancellationToken cancel)
    {
        await using var channel = new ControlChannel<ControlRequest, ControlReply>(
            new NetworkStream(connection, ownsSocket: true), AgentProtocol.MaxRequestBytes,
            AgentJsonContext.Default.ControlRequest, AgentJsonContext.Default.ControlReply);
        using var helloDeadline = CancellationTokenSource.CreateLinkedTokenSource(cancel, slot.Evicted);
        helloDeadline.CancelAfter(server.Options.HelloTimeout);
        var greeted = false;
        HelloRequest? challenged = null;
        var idleTimer = new CancellationTokenSource();
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancel, idleTimer.Token);
        try
        {
            while (!cancel.IsCancellationRequested)
            {
                ControlRequest? request;
                try
                {
                    request = await channel.ReadAsync(greeted ? idle.Token : helloDeadline.Token);
                }
                catch (PerfSuiteException e)
                {
                    await channel.WriteAsync(Error(null, e), cancel);
                    continue;
                }
                catch (IOException) when (challenged is not null && !greeted)
                {
                    // The runner's first sealed line did not open: it does not hold the token. Said in clear, the one
                    // plain line a runner accepts after the challenge, since it could not open a sealed one.
                    await channel.WriteAsync(Error(challenged.Id, new PerfSuiteException(ErrorReason.PermissionDenied,
                        "wrong or missing token")), cancel, plain: true);
                    return;
                }
                catch (OperationCanceledException) when (greeted && !cancel.IsCancellationRequested)
                {
                    await channel.WriteAsync(Error(null, new PerfSuiteException(ErrorReason.Timeout,
                        $"no request for {server.Options.SessionIdleTimeout.TotalSeconds:0} s; closing this session")), cancel);
                    return;
                }
                catch (OperationCanceledException) when (!greeted && !cancel.IsCancellationRequested)
                {
                    await channel.WriteAsync(Error(null, new PerfSuiteException(ErrorReason.Timeout, slot.Evicted.IsCancellationRequested
                        ? "no hello yet, and newer connections need the slot"
                        : $"no hello within {server.Options.HelloTimeout.TotalSeconds:0} s")), cancel);
                    return;
                }
                if (request is null)
                    return;
                if (!greeted)
                {
                    if (request is not HelloRequest hello)
                    {
                        await channel.WriteAsync(Error(request.Id, new PerfSuiteException(ErrorReason.Protocol,
                            "the first request must be hello")), cancel);
                        continue;
                    }
                    if (challenged is null && Refusal(hello) is { } refusal)
                    {
                        await channel.WriteAsync(Error(hello.Id, refusal), cancel);
                        return;
                    }
                    if (challenged is null && server.Options.Token is { Length: > 0 } token)
                    {
                        // The plain hello carried the runner's nonce; the next line must be hello sealed with the keys
                        // only a holder of the token can derive from both nonces.
                        var agentNonce = ControlSeal.NewNonce();
                        await channel.WriteAsync(new ChallengeReply { Id = hello.Id, Nonce = agentNonce }, cancel);
                        channel.Seal(ControlSeal.ForAgent(token, ControlSeal.ParseNonce(hello.Nonce)!, ControlSeal.ParseNonce(agentNonce)!));
                        challenged = hello;
                        continue;
                    }
                    if (!slot.TryGreet())
                    {
                        await channel.WriteAsync(Error(hello.Id, new PerfSuiteException(ErrorReason.Busy, "too many control connections")), cancel);
                        return;
                    }
                    greeted = true;
                    ArmIdle(idleTimer);
                    await channel.WriteAsync(Hello(hello.Id), cancel);
                    continue;
                }
                ArmIdle(idleTimer);
                if (request is ResultsRequest results)
                {
                    _pending.RemoveAll(t => t.IsCompleted);
                    _pending.Add(Waiting(ReplyWithResultsAsync(channel, results, cancel), idleTimer));
                    continue;
                }
                if (request is SampleCpuRequest sample)
                {
                    _pending.RemoveAll(t => t.IsCompleted);
                    _pending.Add(Waiting(ReplyWithCpuAsync(channel, sample, cancel), idleTimer));
                    continue;
                }
                ControlReply reply;
                try
                {
                    reply = request is LabRequest lab ? await HandleLabAsync(lab, cancel) : Handle(request);
                }
                catch (PerfSuiteException e)
                {
                    reply = Error(request.Id, e);
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    // Whatever went wrong with this request, the agent stays up for the next one.
                    reply = Error(request.Id, new PerfSuiteException(ErrorReason.Failed, e.Message));
                }
                await channel.WriteAsync(reply, cancel);
                if (reply is ByeReply)
                {
                    server.RequestShutdown();
                    return;
                }
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The runner went away or the agent is shutting down: nothing to reply to.
        }
        finally
        {
            if (server.Lease is { } lease)
                await lease.ReleaseAsync(this);
            try
            {
                await Task.WhenAll(_pending).WaitAsync(TimeSpan.FromSeconds(1), CancellationToken.None);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // Replies that could not be delivered on a closing connection.
            }
            idleTimer.Dispose();
        }
    }

    /// <summary>An authenticated session is idle, and closed after <see cref="AgentOptions.SessionIdleTimeout"/>, when
    /// it has sent no request for that long and waits for no reply: a runner that hung or vanished without closing
    /// does not keep one of the greeted slots for ever. A results or CPU request that is waiting keeps it open.</summary>
    private void ArmIdle(CancellationTokenSource idleTimer)
    {
        if (Volatile.Read(ref _waiting) == 0)
            idleTimer.CancelAfter(server.Options.SessionIdleTimeout);
    }

    private async Task Waiting(Task reply, CancellationTokenSource idleTimer)
    {
        Interlocked.Increment(ref _waiting);
        idleTimer.CancelAfter(Timeout.InfiniteTimeSpan);
        try
        {
            await reply;
        }
        finally
        {
            if (Interlocked.Decrement(ref _waiting) == 0)
            {
                try
                {
                    idleTimer.CancelAfter(server.Options.SessionIdleTimeout);
                }
                catch (ObjectDisposedException)
                {
                    // The session ended first.
                }
            }
        }
    }

    private PerfSuiteException? Refusal(HelloRequest hello)
    {
        if (hello.Protocol != AgentProtocol.Version)
            return new PerfSuiteException(ErrorReason.Protocol,
                $"the agent speaks control protocol {AgentProtocol.Version}, the runner {hello.Protocol}");
        if (!string.IsNullOrEmpty(server.Options.Token) && ControlSeal.ParseNonce(hello.Nonce) is null)
            return new PerfSuiteException(ErrorReason.PermissionDenied,
                $"wrong or missing token: hello must carry a {ControlSeal.NonceBytes}-byte nonce (base64) and then prove the token");
        return null;
    }

    private HelloReply Hello(long id) => new()
    {
        Id = id,
        Protocol = AgentProtocol.Version,
        Version = typeof(AgentServer).Assembly.GetName().Version?.ToString(3) ?? "0.0.0",
        Hostname = Environment.MachineName,
        Pid = Environment.ProcessId,
        Netns = server.Scope.Namespace,
        Kernel = KernelRelease(),
        CpuCount = Environment.ProcessorCount,
        UserHz = ClockTicks.PerSecond,
        DataAddress = server.DataAddress.ToString(),
        DataPort = server.Options.DataPort,
        Limits = server.Options.Limits,
    };

    private ControlReply Handle(ControlRequest request) => request switch
    {
        HelloRequest => throw new PerfSuiteException(ErrorReason.Protocol, "hello was already received"),
        PrepareReceiveRequest prepare => PrepareReceive(prepare),
        RunSendRequest send => RunSend(send),
        EnvironmentRequest environment => DescribeHost(environment),
        StopRequest => new StoppedReply { Id = request.Id, WasRunning = server.Slot.Stop(server.Options.Timeouts.Join) },
        ShutdownRequest => Shutdown(request.Id),
        _ => throw new PerfSuiteException(ErrorReason.Protocol, $"unexpected request {request.GetType().Name}"),
    };

    private Task<ControlReply> HandleLabAsync(LabRequest request, CancellationToken cancel) =>
        server.Lease is { } lease
            ? lease.HandleAsync(this, request, cancel)
            : throw new PerfSuiteException(ErrorReason.PermissionDenied,
                "this agent builds nothing; start it with --allow-lab to let a fleet runner build datapaths and set NIC offloads here");

    /// <summary>The scope of a traffic request: a pod namespace of this agent's fleet run, or the agent's own. A pod
    /// whose path is broken here (a tunnel process it needs is gone) fails the request with the reason at once.</summary>
    private NetworkScope ScopeOf(string? netns)
    {
        (_watch, _stream) = (null, null);
        if (netns is null)
            return server.Scope;
        if (server.Lease is not { } lease || !lease.OwnsPod(netns))
            throw new PerfSuiteException(ErrorReason.PermissionDenied, $"'{netns}' is not a pod of this agent's fleet run");
        _watch = lease.Site.WatchOf(netns);
        _stream = lease.Site.StreamOf(netns);
        if (_watch?.BrokenAsync().GetAwaiter().GetResult() is { } broken)
            throw new PerfSuiteException(ErrorReason.Failed, broken);
        return NetworkScope.Of(netns);
    }

    private PreparedReply PrepareReceive(PrepareReceiveRequest request)
    {
        var options = server.Options;
        request.Spec.Validate(options.Limits);
        var scope = ScopeOf(request.Netns);
        var bind = request.Netns is null ? BindAddress(request.BindAddress) : IPAddress.Any;
        ITrafficReceiver? receiver = null;
        server.Slot.Start(SideRole.Receiver, request.Spec,
            () => receiver = TrafficEngine.Listen(request.Spec, new IPEndPoint(bind, request.Netns is null ? options.DataPort : 0), scope,
                options.Timeouts, options.Limits),
            (r, cancel) => r.Run(cancel),
            r => r.Dispose());
        var local = receiver!.LocalEndPoint;
        return new PreparedReply { Id = request.Id, Address = local.Address.ToString(), Port = local.Port };
    }

    private StartedReply RunSend(RunSendRequest request)
    {
        var options = server.Options;
        if (server.TcpEndPoint is not null && !options.AllowSend && request.Netns is null)
            throw new PerfSuiteException(ErrorReason.PermissionDenied,
                "this agent only receives; start it with --allow-send to let a runner make it send");
        request.Spec.Validate(options.Limits);
        if (!IPAddress.TryParse(request.Peer, out var peer))
            throw new PerfSuiteException(ErrorReason.InvalidArgument, $"peer '{request.Peer}' is not an IP address");
        var scope = ScopeOf(request.Netns);
        if (request.Netns is not null && !server.Lease!.IsPeerPod(peer))
            throw new PerfSuiteException(ErrorReason.PermissionDenied, $"{peer} is not a pod of a host this fleet run connected");
        if (request.Port is < 1 or > 65535)
            throw new PerfSuiteException(ErrorReason.InvalidArgument, $"peer port {request.Port} is out of range");
        // A v4-mapped IPv6 address (what a dual-mode socket reports) is reached over IPv4.
        var target = new IPEndPoint(peer.IsIPv4MappedToIPv6 ? peer.MapToIPv4() : peer, request.Port);
        if (server.TcpEndPoint is not null && request.Netns is null && SendTargets.Refusal(target.Address, options.AllowSendLocal) is { } refused)
            throw new PerfSuiteException(ErrorReason.PermissionDenied, refused);
        server.Slot.Start(SideRole.Sender, request.Spec,
            () => TrafficEngine.Sender(request.Spec, scope, options.Timeouts, options.Limits),
            (sender, cancel) => sender.Run(target, cancel),
            _ => { });
        return new StartedReply { Id = request.Id };
    }

    private EnvironmentReply DescribeHost(EnvironmentRequest request)
    {
        IPAddress? peer = null;
        if (request.Peer is not null && !IPAddress.TryParse(request.Peer, out peer))
            throw new PerfSuiteException(ErrorReason.InvalidArgument, $"peer '{request.Peer}' is not an IP address");
        return new EnvironmentReply { Id = request.Id, Environment = HostEnvironment.Read(server.Scope.Namespace, peer).Environment };
    }

    private ByeReply Shutdown(long id)
    {
        server.Slot.Stop(server.Options.Timeouts.Join);
        return new ByeReply { Id = id };
    }

    private async Task ReplyWithResultsAsync(ControlChannel<ControlRequest, ControlReply> channel, ResultsRequest request,
        CancellationToken cancel)
    {
        ControlReply reply;
        var test = server.Slot.Current;
        var (watch, stream) = (_watch, _stream);
        if (test is null)
        {
            reply = Error(request.Id, new PerfSuiteException(ErrorReason.NotFound, "no test has run on this agent"));
        }
        else
        {
            var timeout = request.TimeoutSeconds > 0 ? TimeSpan.FromSeconds(request.TimeoutSeconds) : DefaultWait(test.Spec);
            try
            {
                // In a fleet pod, a datapath that breaks here ends the test at once and fails it with the reason, so
                // the runner does not store what TCP carried before as a slow measurement.
                var result = watch is null
                    ? await test.Completion.WaitAsync(timeout, cancel)
                    : await watch.MeasureAsync(() => test.Completion.WaitAsync(timeout, cancel), () =>
                    {
                        server.Slot.Stop(server.Options.Timeouts.Join);
                        return ValueTask.CompletedTask;
                    }, cancel, WatchedTraffic.Of(test.Spec, test.Role == SideRole.Receiver ? stream : null,
                        test.Role == SideRole.Sender ? stream : null, System.Diagnostics.Stopwatch.GetElapsedTime(test.StartedAt)));
                reply = new ResultsReply { Id = request.Id, Result = result };
            }
            catch (TimeoutException)
            {
                reply = Error(request.Id, new PerfSuiteException(ErrorReason.Timeout,
                    $"the test has not finished within {timeout.TotalSeconds:0} s"));
            }
            catch (PerfSuiteException e)
            {
                reply = Error(request.Id, e);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancel.IsCancellationRequested)
            {
                reply = Error(request.Id, new PerfSuiteException(ErrorReason.Failed, e.Message));
            }
        }
        await channel.WriteAsync(reply, cancel);
    }

    private async Task ReplyWithCpuAsync(ControlChannel<ControlRequest, ControlReply> channel, SampleCpuRequest request,
        CancellationToken cancel)
    {
        ControlReply reply;
        var limit = server.Options.Limits.MaxDurationSeconds;
        if (!double.IsFinite(request.DurationSeconds) || request.DurationSeconds <= 0 || request.DurationSeconds > limit)
            reply = Error(request.Id, new PerfSuiteException(ErrorReason.InvalidArgument,
                $"a CPU sample must last more than 0 and at most {limit} s, not {request.DurationSeconds}"));
        else if (server.Slot.Current is { IsRunning: true })
            reply = Error(request.Id, new PerfSuiteException(ErrorReason.Busy, "a test is running: the CPU is not idle"));
        else
        {
            var sampler = new CpuEdgeSampler();
            var start = sampler.Take();
            await Task.Delay(TimeSpan.FromSeconds(request.DurationSeconds), cancel);
            reply = new CpuReply { Id = request.Id, Cpu = CpuAccount.Between(start, sampler.Take()) };
        }
        await channel.WriteAsync(reply, cancel);
    }

    private TimeSpan DefaultWait(TestSpec spec)
    {
        var t = server.Options.Timeouts;
        return TimeSpan.FromSeconds(spec.WarmupSeconds + spec.DurationSeconds) + t.FirstTraffic + t.Tail + t.Join
            + TimeSpan.FromSeconds(5);
    }

    private IPAddress BindAddress(string? requested)
    {
        var configured = server.DataAddress;
        if (requested is null)
            return configured;
        if (!IPAddress.TryParse(requested, out var address))
            throw new PerfSuiteException(ErrorReason.InvalidArgument, $"bind address '{requested}' is not an IP address");
        // A remote agent binds only the address it was given (issue 8), unless it was given the wildcard.
        if (server.TcpEndPoint is not null && !configured.Equals(IPAddress.Any) && !configured.Equals(IPAddress.IPv6Any)
            && !configured.Equals(address))
            throw new PerfSuiteException(ErrorReason.PermissionDenied, $"this agent binds only {configured}");
        return address;
    }

    private static ErrorReply Error(long? id, PerfSuiteException e) =>
        new() { Id = id, Code = ErrorCodes.Of(e.Reason), Message = e.Message };

    private static string KernelRelease()
    {
        try
        {
            return File.ReadAllText(SystemPaths.KernelRelease).Trim();
        }
        catch (IOException)
        {
            return Environment.OSVersion.VersionString;
        }
    }
}
