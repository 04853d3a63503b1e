using System.Net;
using PerfSuite.Lab.Fleet;
using PerfSuite.LoadGen.Agent;
using PerfSuite.LoadGen.Traffic;
using PerfSuite.Model.Datapaths;
using PerfSuite.Model.Errors;
using PerfSuite.Model.Results;
using PerfSuite.Runner.Testbeds.Remote;

namespace PerfSuite.Runner.Testbeds.Fleet;

/// <summary>One path between two hosts of a fleet, in one direction: the sender's agent sends from its pod namespace to
/// the receiver's pod, each agent measuring its own host's CPU. Both NICs' snapshots are read right after the test,
/// while the stage's profile is still set, and recorded with the cell. A <c>tcp-stream</c> cell gets its goodput ceiling
/// and efficiency when either NIC has a line rate (<see cref="FleetStage.Ceiling"/>).</summary>
internal sealed class FleetEndpointPair(RunPlace place, FleetAgent sender, FleetAgent receiver, FleetNodeFacts senderNode,
    FleetNodeFacts receiverNode, WireCeiling? ceiling) : IEndpointPair
{
    public RunPlace Place { get; } = place;

    public async Task<CellMeasurement> MeasureAsync(TestSpec spec, CancellationToken cancel)
    {
        var outcome = await AgentTestRun.RunAsync(receiver.Client, sender.Client, spec, IPAddress.Parse(receiverNode.PodAddress!), cancel,
            receiverNode.PodNamespace, senderNode.PodNamespace);
        var snapshots = new[] { await NicOf(sender, cancel), await NicOf(receiver, cancel) };
        int? pathMtu = outcome.Sender.Tcp is { PathMtu: > 0 } tcp ? (int)tcp.PathMtu : null;
        var metrics = outcome.ToCellMetrics(separateHosts: true);
        var (ceilingBps, efficiency) = ceiling?.Apply(Datapath.Parse(Place.Path), Place.UnderlayMtu, Place.PodMtu, spec.Test, metrics.GoodputBps)
            ?? (null, null);
        return new CellMeasurement(metrics, pathMtu, ceilingBps, efficiency, Nics: snapshots);
    }

    private static async Task<HostNicSnapshot> NicOf(FleetAgent agent, CancellationToken cancel)
    {
        var probe = await agent.SnapshotAsync(cancel);
        return new HostNicSnapshot(agent.Name, probe.Interfaces.FirstOrDefault(i => i.Name == agent.Nic)
            ?? throw new PerfSuiteException(ErrorReason.NotFound, $"host {agent.Name}: its snapshot has no {agent.Nic}"));
    }
}
