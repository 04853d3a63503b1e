using System.Net;
using PerfSuite.Lab.State;
using PerfSuite.LoadGen.Agent;
using PerfSuite.LoadGen.Traffic;
using PerfSuite.Model.Datapaths;
using PerfSuite.Model.Errors;
using PerfSuite.Lab;

namespace PerfSuite.Runner.Testbeds.ExistingLab;

/// <summary>A path of a lab built by another process: agents in its client and server pods, recorded in the lab's
/// state while they run (so that <c>lab down</c> or <c>lab clean</c> stops them if this run dies), started at the
/// first cell and again after a cell that failed. The path's tunnel processes, as the lab's state records them in its
/// node namespaces, its devices and the stream are watched during every cell (<see cref="DatapathWatch"/>).</summary>
internal sealed class ExistingLabEndpointPair(string lab, LabStateStore store, Datapath path, RunPlace place, IPAddress server, string serverNs, string clientNs)
    : IEndpointPair, IAsyncDisposable
{
    private AgentProcess? _server;
    private AgentProcess? _client;
    private DatapathDevices? _devices;

    public RunPlace Place { get; } = place;

    public async Task<CellMeasurement> MeasureAsync(TestSpec spec, CancellationToken cancel)
    {
        try
        {
            // A broken path fails the cell before agents are started again for it.
            var watch = Watch();
            if (await watch.BrokenAsync() is { } broken)
                throw new PerfSuiteException(ErrorReason.Failed, broken);
            if (_server is not { HasExited: false } || _client is not { HasExited: false })
            {
                await DisposeAsync();
                _server = await Start(serverNs, "server", cancel);
                _client = await Start(clientNs, "client", cancel);
            }
            var (serverAgent, clientAgent) = (_server, _client);
            var outcome = await watch.MeasureAsync(
                () => AgentTestRun.RunAsync(serverAgent.Client, clientAgent.Client, spec, server, cancel), DisposeAsync, cancel,
                WatchedTraffic.Of(spec, new WatchedStream(serverNs, LabNaming.PodDevice, "the server pod"),
                    new WatchedStream(clientNs, LabNaming.PodDevice, "the client pod")));
            return new CellMeasurement(outcome.ToCellMetrics(separateHosts: false));
        }
        catch (PerfSuiteException)
        {
            await DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var agent in new[] { _client, _server })
        {
            if (agent is null)
                continue;
            var pid = agent.Pid;
            await agent.DisposeAsync();
            store.Ledger(lab).Forget(pid);
        }
        (_client, _server) = (null, null);
    }

    /// <summary>The processes the lab's builder recorded in this path's node namespaces, read again at every cell, and
    /// the devices up in its node and pod namespaces when this run's first cell of the path began.</summary>
    private DatapathWatch Watch()
    {
        var state = store.Load(lab);
        bool OfThisPath(string netns) => LabNaming.TryParseNodeNamespace(netns, out var owner, out var of, out _) && owner == lab && of == path;
        _devices ??= DatapathDevices.Snapshot((state?.Namespaces ?? []).Where(OfThisPath).Append(serverNs).Append(clientNs));
        return new DatapathWatch(path.Name, (state?.Processes ?? []).Where(p => OfThisPath(p.Namespace)).ToList(), _devices);
    }

    private async Task<AgentProcess> Start(string netns, string role, CancellationToken cancel)
    {
        return await AgentProcess.StartAsync(netns, cancel,
            started: pid => store.Ledger(lab).Record(pid, netns, $"run --lab agent ({role}) for {Place.Path}"));
    }
}
