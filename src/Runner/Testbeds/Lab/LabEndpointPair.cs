using PerfSuite.Lab;
using PerfSuite.LoadGen.Agent;
using PerfSuite.LoadGen.Traffic;
using PerfSuite.Model.Errors;

namespace PerfSuite.Runner.Testbeds.Lab;

/// <summary>A lab path's endpoints: agents in its client and server pods, started at the first cell and again after a
/// cell that failed (they may be wedged or gone). Both share one host, so CPU is node-wide, not per side. When the
/// placement names CPUs, the path's receive queues are steered to them too (<see cref="LabReceiveSteering"/>), once:
/// the devices live as long as the lab. Every cell runs under the path's <see cref="DatapathWatch"/>: its tunnel
/// processes, its devices and the stream itself.</summary>
internal sealed class LabEndpointPair(LabInstance lab, LabPath path, RunPlace place, LabPlacement placement) : IEndpointPair, IAsyncDisposable
{
    private PathAgents? _agents;
    private IReadOnlyList<Model.Results.ReceiveSteering>? _steering;
    private DatapathDevices? _devices;

    public RunPlace Place => place with
    {
        Placement = _steering is null ? placement.Current : placement.Current with { Steering = _steering },
    };

    public async Task<CellMeasurement> MeasureAsync(TestSpec spec, CancellationToken cancel)
    {
        try
        {
            // The devices up when the path's first cell begins are the path's: any of them gone or down later fails
            // that cell and every one after it at once.
            _devices ??= DatapathDevices.Snapshot(path.Namespaces);
            if (_agents is null || _agents.AnyExited)
            {
                await DisposeAsync();
                _agents = await PathAgents.StartAsync(lab, path, cancel);
                _agents.Place(placement.Current);
            }
            if (_steering is null && placement.Current is { Sender: not null, Receiver: not null } placed)
                _steering = LabReceiveSteering.Apply(path, placed);
            var agents = _agents;
            var watch = new DatapathWatch(path.Name, lab.ProcessesIn(path.NodeNamespaces)
                .Where(p => p.Pid != agents.Server.Pid && p.Pid != agents.Client.Pid).ToList(), _devices);
            var outcome = await watch.MeasureAsync(
                () => AgentTestRun.RunAsync(agents.Server.Client, agents.Client.Client, spec, path.Server!.Address, cancel),
                DisposeAsync, cancel, WatchedTraffic.Of(spec, Stream(path.Server!, "the server pod"), Stream(path.Client!, "the client pod")));
            return new CellMeasurement(outcome.ToCellMetrics(separateHosts: false));
        }
        catch (PerfSuiteException)
        {
            await DisposeAsync();
            throw;
        }
    }

    private static WatchedStream Stream(LabEndpoint pod, string description) => new(pod.Namespace, pod.Device, description);

    public async ValueTask DisposeAsync()
    {
        var agents = _agents;
        _agents = null;
        if (agents is not null)
            await agents.DisposeAsync();
    }
}
