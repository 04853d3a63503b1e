using PerfSuite.Lab;
using PerfSuite.Lab.Offloads;
using PerfSuite.LoadGen.Cpu;
using PerfSuite.Model.Datapaths;
using PerfSuite.Model.Probe;
using PerfSuite.Model.Results;
using PerfSuite.Probe.Host;
using PerfSuite.Probe.Snapshots;

namespace PerfSuite.Runner.Testbeds.Lab;

/// <summary>One lab, up, with an endpoint pair per ready path; disposing stops the agents, then removes the lab.</summary>
internal sealed class LabStage : ITestbedStage
{
    private readonly LabInstance _lab;
    private readonly List<LabEndpointPair> _pairs;

    private readonly LabPlacement _placement;

    public LabStage(LabInstance lab, OffloadProfile offloads, LabPlacement placement)
    {
        _lab = lab;
        _placement = placement;
        _pairs = lab.ReadyPaths.Select(p => new LabEndpointPair(lab, p, PlaceOf(p, offloads), placement)).ToList();
        Unavailable = lab.Paths.Where(p => !p.IsReady).Select(p => new UnavailablePath(PlaceOf(p, offloads),
            p.Status == LabPathStatus.Skipped ? CellStatus.Skipped : CellStatus.Failed,
            p.Reason ?? (p.Verification is { Passed: false } v ? string.Join("; ", v.Failures) : "the path is not ready"))).ToList();
    }

    public IReadOnlyList<IEndpointPair> Ready => _pairs;

    public IReadOnlyList<UnavailablePath> Unavailable { get; }

    public async Task<RunEnvironment> ReadEnvironmentAsync(TimeSpan idleWindow, CancellationToken cancel)
    {
        var probes = new List<ProbeDocument> { InterfaceProber.Probe(null, []) };
        // One node of each built path: the devices the traffic crossed, with their offload state.
        foreach (var path in _lab.ReadyPaths)
            probes.Add(InterfaceProber.Probe(path.Nodes[0].Namespace, []));
        var idle = await IdleBaseline.MeasureAsync(idleWindow, cancel);
        _placement.Decide(idle);
        return RunEnvironmentReader.Read(probes) with { IdleCpu = idle };
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            foreach (var pair in _pairs)
                await pair.DisposeAsync();
        }
        finally
        {
            await _lab.DisposeAsync();
        }
    }

    private static RunPlace PlaceOf(LabPath path, OffloadProfile offloads) => new(path.Name,
        path.Impl ?? DatapathImplementation.Kernel, path.UnderlayMtu, offloads.Name, path.PodMtu, path.Verification?.ObservedPathMtu,
        Verification: path.Verification);
}
