using PerfSuite.Lab;
using PerfSuite.Lab.State;
using PerfSuite.LoadGen.Cpu;
using PerfSuite.Model.Datapaths;
using PerfSuite.Model.Probe;
using PerfSuite.Model.Results;
using PerfSuite.Probe.Host;
using PerfSuite.Probe.Snapshots;

namespace PerfSuite.Runner.Testbeds.ExistingLab;

/// <summary>The ready paths of a lab built by another process, each with an agent pair; disposing stops the agents
/// and leaves the lab as it was.</summary>
internal sealed class ExistingLabStage : ITestbedStage
{
    private readonly string _lab;
    private readonly List<ExistingLabEndpointPair> _pairs = [];
    private readonly List<string> _nodes = [];

    public ExistingLabStage(string lab, LabState state, IReadOnlyList<Datapath> paths, LabStateStore store)
    {
        _lab = lab;
        var unavailable = new List<UnavailablePath>();
        foreach (var path in paths)
        {
            var summary = state.Paths.FirstOrDefault(p => p.Path == path.Name);
            var impl = summary?.Impl is { } text && Enum.TryParse<DatapathImplementation>(text, ignoreCase: true, out var parsed)
                ? parsed
                : DatapathImplementation.Kernel;
            var podMtu = summary?.PodMtu ?? state.Spec.PodMtu ?? path.PodMtu(state.Spec.UnderlayMtu);
            var place = new RunPlace(path.Name, impl, state.Spec.UnderlayMtu, state.Spec.Offloads, podMtu, summary?.ObservedPathMtu);
            if (summary is null)
            {
                unavailable.Add(new UnavailablePath(place, CellStatus.Skipped, $"lab '{lab}' has no {path.Name} path (it has {string.Join(", ", state.Paths.Select(p => p.Path))})"));
            }
            else if (summary.Status != "ready")
            {
                unavailable.Add(new UnavailablePath(place, summary.Status == "skipped" ? CellStatus.Skipped : CellStatus.Failed,
                    summary.Reason ?? $"the path is {summary.Status} in lab '{lab}'"));
            }
            else if (!LabEndpoint.TryParse(summary.Server, out var server, out var serverNs) || !LabEndpoint.TryParse(summary.Client, out _, out var clientNs))
            {
                unavailable.Add(new UnavailablePath(place, CellStatus.Failed, $"the state of lab '{lab}' does not say where the {path.Name} path's client and server are"));
            }
            else
            {
                _pairs.Add(new ExistingLabEndpointPair(lab, store, path, place, server, serverNs, clientNs));
                _nodes.Add(LabNaming.NodeNamespace(lab, path, 1));
            }
        }
        Unavailable = unavailable;
    }

    public IReadOnlyList<IEndpointPair> Ready => _pairs;

    public IReadOnlyList<UnavailablePath> Unavailable { get; }

    public async Task<RunEnvironment> ReadEnvironmentAsync(TimeSpan idleWindow, CancellationToken cancel)
    {
        var probes = new List<ProbeDocument> { InterfaceProber.Probe(null, []) };
        // One node of each measured path: the devices the traffic crossed, with their offload state.
        foreach (var node in _nodes)
            probes.Add(InterfaceProber.Probe(node, []));
        return RunEnvironmentReader.Read(probes) with { IdleCpu = await IdleBaseline.MeasureAsync(idleWindow, cancel) };
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var pair in _pairs)
            await pair.DisposeAsync();
    }

    public override string ToString() => $"lab {_lab}";
}
