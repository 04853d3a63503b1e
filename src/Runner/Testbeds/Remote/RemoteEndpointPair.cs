using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using PerfSuite.Kernel.Namespaces;
using PerfSuite.Kernel.Processes;
using PerfSuite.Lab;
using PerfSuite.Lab.State;
using PerfSuite.LoadGen.Agent;
using PerfSuite.LoadGen.Cpu;
using PerfSuite.LoadGen.Traffic;
using PerfSuite.Model.Ceiling;
using PerfSuite.Model.Datapaths;
using PerfSuite.Model.Errors;
using PerfSuite.Model.Results;
using PerfSuite.Probe.Host;

namespace PerfSuite.Runner.Testbeds.Remote;

/// <summary>
/// The endpoints of a remote run: the peer's agent (the receiver, over TCP with its token) and a local
/// <c>perfsuite agent</c> process (the sender) in this host's traffic namespace. The sender is a process of its own,
/// as the peer's is, so that each side's rusage is its agent's alone and not the runner's. After a cell fails (the
/// peer's agent died, the connection broke) both are dropped and the next cell connects again, so a peer that comes
/// back is measured again and one that does not fails each cell quickly with the reason. The local agent is recorded
/// before it starts, as every process a run starts is: in a lab state of its own (<c>rpXXXXXX</c>, no namespaces,
/// owned by this run), so that were the run killed, the next run or <c>lab clean</c> stops an agent that outlived it.
/// A run without root cannot write the state directory: its agent still ends with its owner (<c>--owner</c>).
/// </summary>
internal sealed class RemoteEndpointPair : IEndpointPair, IAsyncDisposable
{
    private readonly RemotePeer _peer;
    private readonly IPEndPoint _control;
    private readonly IPAddress _receiverAddress;
    private readonly Datapath _path;
    private readonly HostEnvironment _local;
    private readonly RunEnvironment _remoteEnvironment;
    private readonly WireCeiling? _ceiling;
    private readonly string _controlDirectory;
    private AgentClient? _remote;
    private AgentProcess? _sender;
    private LabRecorder? _ledger;

    private RemoteEndpointPair(RemotePeer peer, IPEndPoint control, IPAddress receiverAddress, Datapath path, HostEnvironment local,
        RunEnvironment remoteEnvironment, RunPlace place, string controlDirectory, AgentClient remote)
    {
        _peer = peer;
        _control = control;
        _receiverAddress = receiverAddress;
        _path = path;
        _local = local;
        _remoteEnvironment = remoteEnvironment;
        _ceiling = WireCeiling.For(local.Environment, remoteEnvironment, receiverAddress.AddressFamily == AddressFamily.InterNetworkV6);
        Place = place;
        _controlDirectory = controlDirectory;
        _remote = remote;
    }

    public RunPlace Place { get; }

    /// <summary>The line rate the ceilings use; null when neither host's traffic interface has one.</summary>
    public WireLineRate? LineRate => _ceiling?.LineRate;

    /// <summary>Connects to the peer (an unreachable peer or a wrong token fails here, before any cell), finds the
    /// route the traffic takes on both hosts, reads both environments and starts the local agent.</summary>
    public static async Task<RemoteEndpointPair> ConnectAsync(RunSpec spec, RemotePeer peer, IRunProgress progress, CancellationToken cancel)
    {
        progress.Phase($"connecting to the agent at {peer}");
        var control = await peer.ResolveAsync(cancel);
        var remote = await Connect(peer, control, cancel);
        string? directory = null;
        LabRecorder? ledger = null;
        try
        {
            var receiverAddress = DataAddressOf(remote.Info, control.Address, peer.DataAddress);
            var local = HostEnvironment.Read(peer.LocalNetns, receiverAddress);
            var remoteEnvironment = await remote.EnvironmentAsync(local.Route!.Source, cancel);
            var remoteMtu = remoteEnvironment.Probe.SelectMany(p => p.Interfaces)
                .FirstOrDefault(i => i.Name == remoteEnvironment.TrafficInterface)?.Mtu;
            var podMtu = Math.Min(local.Route.Mtu, remoteMtu ?? int.MaxValue);
            var path = spec.Paths[0];
            var place = new RunPlace(path.Name, DatapathImplementation.Kernel, podMtu + path.OverheadIpv4, spec.Offloads[0].Name, podMtu,
                DataFamily: receiverAddress.AddressFamily);
            progress.Phase(string.Create(CultureInfo.InvariantCulture,
                $"{local.Environment.Hostname} ({local.Route.Interface}, MTU {local.Route.Mtu}) -> {remoteEnvironment.Hostname} ({remoteEnvironment.TrafficInterface ?? "?"}, MTU {remoteMtu?.ToString(CultureInfo.InvariantCulture) ?? "?"}) at {receiverAddress}"));
            directory = Directory.CreateTempSubdirectory("perfsuite-remote-").FullName;
            var pair = new RemoteEndpointPair(peer, control, receiverAddress, path, local, remoteEnvironment, place, directory, remote);
            if (Environment.IsPrivilegedProcess)
                pair._ledger = ledger = OpenLedger();
            progress.Phase(pair.LineRate is { } rate
                ? $"line rate: {rate.Description}{(rate.VlanTagged ? ", VLAN-tagged" : "")}"
                : "line rate: unknown (no physical NIC with a link speed under the traffic on either host): no ceiling or efficiency");
            progress.Phase("starting the local agent");
            pair._sender = await pair.StartSenderAsync(cancel);
            return pair;
        }
        catch
        {
            await remote.DisposeAsync();
            if (ledger is not null)
                ledger.Store.Delete(ledger.State.Name);
            if (directory is not null)
                Directory.Delete(directory, recursive: true);
            throw;
        }
    }

    public async Task<CellMeasurement> MeasureAsync(TestSpec spec, CancellationToken cancel)
    {
        try
        {
            var remote = _remote ??= await Connect(_peer, _control, cancel);
            if (_sender is null || _sender.HasExited)
            {
                await DisposeSenderAsync();
                _sender = await StartSenderAsync(cancel);
            }
            var outcome = await AgentTestRun.RunAsync(remote, _sender.Client, spec, _receiverAddress, cancel);
            var metrics = outcome.ToCellMetrics(separateHosts: true);
            int? pathMtu = outcome.Sender.Tcp is { PathMtu: > 0 } tcp ? (int)tcp.PathMtu : null;
            var (ceiling, efficiency) = _ceiling?.Apply(_path, Place.UnderlayMtu, Place.PodMtu, spec.Test, metrics.GoodputBps) ?? (null, null);
            return new CellMeasurement(metrics, pathMtu, ceiling, efficiency);
        }
        catch (PerfSuiteException)
        {
            await DisposeRemoteAsync();
            await DisposeSenderAsync();
            throw;
        }
    }

    /// <summary>Both environments, with each host's idle CPU sampled over the same window.</summary>
    public async Task<RunEnvironment> ReadEnvironmentAsync(TimeSpan idleWindow, CancellationToken cancel)
    {
        var remote = _remote ??= await Connect(_peer, _control, cancel);
        var remoteIdle = remote.SampleCpuAsync(idleWindow, cancel);
        var localIdle = IdleBaseline.MeasureAsync(idleWindow, cancel);
        await Task.WhenAll(remoteIdle, localIdle);
        return _local.Environment with
        {
            IdleCpu = await localIdle,
            Peer = _remoteEnvironment with { IdleCpu = (await remoteIdle).Host.ToCpuByCategory() },
        };
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await DisposeSenderAsync();
            await DisposeRemoteAsync();
        }
        finally
        {
            Directory.Delete(_controlDirectory, recursive: true);
            if (_ledger is { } ledger)
                ledger.Store.Delete(ledger.State.Name);
        }
    }

    /// <summary>The address the sender connects to: the address the runner reached the agent on, or the agent's data
    /// address when it names another (data on the NIC under test, control over another network) and the user named the
    /// same one (<paramref name="expected"/>). An agent's word alone never aims this host's traffic: an agent that holds
    /// the token could otherwise point it at any host.</summary>
    internal static IPAddress DataAddressOf(HelloReply hello, IPAddress control, IPAddress? expected)
    {
        var announced = IPAddress.TryParse(hello.DataAddress, out var data) && !data.Equals(IPAddress.Any) && !data.Equals(IPAddress.IPv6Any)
            ? Unmapped(data)
            : Unmapped(control);
        if (expected is not null)
        {
            return announced.Equals(Unmapped(expected))
                ? announced
                : throw new PerfSuiteException(ErrorReason.InvalidArgument,
                    $"the agent at {control} receives test traffic on {announced}, not on {expected} as --peer-data-address says");
        }
        return announced.Equals(Unmapped(control))
            ? announced
            : throw new PerfSuiteException(ErrorReason.PermissionDenied,
                $"the agent at {control} asks for test traffic on {announced}; this host sends only to the address it reached the agent on, "
                + $"or to one you name: add --peer-data-address {announced} if that is the peer's own address");
    }

    private static IPAddress Unmapped(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    private static async Task<AgentClient> Connect(RemotePeer peer, IPEndPoint control, CancellationToken cancel) =>
        await AgentClient.ConnectTcpAsync(control, peer.Token, peer.ConnectTimeout, cancel, NetworkScope.Of(peer.LocalNetns));

    private Task<AgentProcess> StartSenderAsync(CancellationToken cancel) =>
        AgentProcess.StartAsync(_peer.LocalNetns, cancel, controlPath: Path.Combine(_controlDirectory, "agent.sock"),
            started: pid => _ledger?.Record(pid, _peer.LocalNetns ?? NetworkNamespace.HostName, $"run --peer agent (sender) for {_peer}"));

    private async Task DisposeSenderAsync()
    {
        var sender = _sender;
        _sender = null;
        if (sender is null)
            return;
        var pid = sender.Pid;
        await sender.DisposeAsync();
        _ledger?.Forget(pid);
    }

    /// <summary>A lab state with no namespaces, owned by this process, to record the local agent in.</summary>
    private static LabRecorder OpenLedger()
    {
        var store = LabStateStore.Default;
        for (var attempt = 0; attempt < 4; attempt++)
        {
            var state = LabState.Begin(new LabSpec("rp" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3)), []),
                ProcessIdentity.Current);
            if (store.TryCreate(state))
                return new LabRecorder(store, state);
        }
        throw new PerfSuiteException(ErrorReason.Busy, $"no free name for the record of the local agent in {store.Directory}");
    }

    /// <summary>Leaves the peer's agent running for the next run, but stops whatever test of ours it may still be
    /// running (an interrupted cell).</summary>
    private async Task DisposeRemoteAsync()
    {
        var remote = _remote;
        _remote = null;
        if (remote is null)
            return;
        try
        {
            await remote.StopAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(3));
        }
        catch (Exception e) when (e is PerfSuiteException or TimeoutException)
        {
            // A dead or unreachable agent runs nothing of ours.
        }
        await remote.DisposeAsync();
    }
}
