using System.Net;
using PerfSuite.Lab;
using PerfSuite.Lab.Offloads;
using PerfSuite.Lab.State;
using PerfSuite.LoadGen.Agent;
using PerfSuite.LoadGen.Traffic;
using PerfSuite.Model.Datapaths;
using PerfSuite.Model.Errors;
using PerfSuite.Model.Results;

namespace PerfSuite.Runner.Testbeds.Lab;

/// <summary>
/// Measures a path of a PerfSuite lab that is up (<c>perfsuite lab up</c>) with the cell <c>perfsuite run</c>
/// measures by default: tcp-stream, one stream, the run's default duration and warm-up, between the path's client
/// and server pods, goodput at the receiver. The lab and path come from the node namespace being tuned
/// (<c>ps-LAB-CODE-nN</c>) and the lab's state; the agents are started once, recorded in the lab's state so a
/// later <c>lab clean</c> stops them after a crash, and stopped on dispose.
/// </summary>
public sealed class LabPathMeasurer : IPathMeasurer, IAsyncDisposable
{
    private readonly ILabProcessLedger _processes;
    private readonly IPAddress _serverAddress;
    private readonly string _serverNamespace;
    private readonly string _clientNamespace;
    private readonly TestSpec _spec;
    private AgentProcess? _server;
    private AgentProcess? _client;

    private LabPathMeasurer(LabStateStore store, string lab, Datapath path, IPAddress serverAddress, string serverNamespace,
        string clientNamespace, TestSpec spec)
    {
        _processes = store.Ledger(lab);
        Path = path;
        _serverAddress = serverAddress;
        _serverNamespace = serverNamespace;
        _clientNamespace = clientNamespace;
        _spec = spec;
    }

    public Datapath Path { get; }

    public string Metric => "goodputBps";

    public bool HigherIsBetter => true;

    /// <summary>The measurer for the lab path node namespace <paramref name="netns"/> belongs to. A
    /// <paramref name="path"/>, when given, must be that one. Fails with one line when the namespace is not a lab
    /// node's or its path is not ready.</summary>
    public static LabPathMeasurer Open(string? netns, Datapath? path, TimeSpan? duration = null, LabStateStore? store = null)
    {
        store ??= LabStateStore.Default;
        if (netns is null || !LabNaming.TryParseNodeNamespace(netns, out var lab, out var labPath, out _))
            throw new PerfSuiteException(ErrorReason.InvalidArgument,
                $"--verify measures a path of a PerfSuite lab: --netns must name a lab node namespace (ps-LAB-PATH-nN, see perfsuite lab list), not '{netns ?? "the host"}'");
        if (path is not null && path != labPath)
            throw new PerfSuiteException(ErrorReason.InvalidArgument, $"--path {path.Name} does not match namespace '{netns}', a node of the {labPath.Name} path");
        var state = store.Load(lab)
            ?? throw new PerfSuiteException(ErrorReason.NotFound, $"no PerfSuite lab '{lab}' (see perfsuite lab list)");
        var summary = state.Paths.FirstOrDefault(p => p.Path == labPath.Name);
        if (summary is null || summary.Status != "ready")
            throw new PerfSuiteException(ErrorReason.InvalidArgument,
                $"the {labPath.Name} path of lab '{lab}' is not ready ({summary?.Status ?? "not built"}{(summary?.Reason is { } r ? $": {r}" : "")}); nothing to measure");
        if (!LabEndpoint.TryParse(summary.Server, out var serverAddress, out var serverNamespace)
            || !LabEndpoint.TryParse(summary.Client, out _, out var clientNamespace))
            throw new PerfSuiteException(ErrorReason.Protocol, $"the state of lab '{lab}' does not say where the {labPath.Name} path's client and server are");
        var run = new RunSpec([labPath], [state.Spec.UnderlayMtu], [TestKind.TcpStream], 1, duration ?? RunSpec.DefaultDuration,
            RunSpec.DefaultWarmup, 1, [OffloadProfiles.Default], OutputPath: "", LabName: lab);
        var spec = run.TestSpecFor(TestKind.TcpStream, summary.PodMtu ?? state.Spec.UnderlayMtu);
        return new LabPathMeasurer(store, lab, labPath, serverAddress, serverNamespace, clientNamespace, spec);
    }

    public async Task<IReadOnlyList<double>> MeasureAsync(string path, int repetitions, CancellationToken cancellationToken)
    {
        if (!string.Equals(path, Path.Name, StringComparison.Ordinal))
            throw new PerfSuiteException(ErrorReason.InvalidArgument, $"this measurer measures the {Path.Name} path, not '{path}'");
        var samples = new List<double>(repetitions);
        for (var rep = 0; rep < repetitions; rep++)
        {
            await EnsureAgentsAsync(cancellationToken);
            try
            {
                var outcome = await AgentTestRun.RunAsync(_server!.Client, _client!.Client, _spec, _serverAddress, cancellationToken);
                samples.Add(outcome.ToCellMetrics(separateHosts: false).GoodputBps
                    ?? throw new PerfSuiteException(ErrorReason.Protocol, "the tcp-stream cell reported no goodput"));
            }
            catch (PerfSuiteException)
            {
                // As the runner does: agents may be wedged; the next repetition starts fresh ones.
                await StopAgentsAsync();
                throw;
            }
        }
        return samples;
    }

    public ValueTask DisposeAsync() => new(StopAgentsAsync());

    private async Task EnsureAgentsAsync(CancellationToken cancellationToken)
    {
        if (_server is { HasExited: false } && _client is { HasExited: false })
            return;
        await StopAgentsAsync();
        _server = await AgentProcess.StartAsync(_serverNamespace, cancellationToken,
            started: pid => _processes.Record(pid, _serverNamespace, "tune --verify agent (server)"));
        _client = await AgentProcess.StartAsync(_clientNamespace, cancellationToken,
            started: pid => _processes.Record(pid, _clientNamespace, "tune --verify agent (client)"));
    }

    private async Task StopAgentsAsync()
    {
        foreach (var agent in new[] { _client, _server })
        {
            if (agent is null)
                continue;
            var pid = agent.Pid;
            await agent.DisposeAsync();
            _processes.Forget(pid);
        }
        (_client, _server) = (null, null);
    }

}
