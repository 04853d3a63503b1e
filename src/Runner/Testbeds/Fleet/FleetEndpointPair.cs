using System.Net;
using PerfSuite.Lab.Fleet;
using PerfSuite.LoadGen.Agent;
using PerfSuite.LoadGen.Traffic;
using PerfSuite.Model.Errors;
using PerfSuite.Model.Results;

namespace PerfSuite.Runner.Testbeds.Fleet;

/// <summary>One path between two hosts of a fleet, in one direction: the sender's agent sends from its pod namespace to
/// the receiver's pod, each agent measuring its own host's CPU. Both NICs' snapshots are read right after the test,
/// while the stage's profile is still set, and recorded with the cell.</summary>
internal sealed class FleetEndpointPair(RunPlace place, FleetAgent sender, FleetAgent receiver, FleetNodeFacts senderNode,
    FleetNodeFacts receiverNode) : IEndpointPair
{
    public RunPlace Place { get; } = place;

    public async Task<CellMeasurement> MeasureAsync(TestSpec spec, CancellationToken cancel)
    {
        var outcome = await AgentTestRun.RunAsync(receiver.Client, sender.Client, spec, IPAddress.Parse(receiverNode.PodAddress!), cancel,
            receiverNode.PodNamespace, senderNode.PodNamespace);
        var snapshots = new[] { await NicOf(sender, cancel), await NicOf(receiver, cancel) };
        int? pathMtu = outcome.Sender.Tcp is { PathMtu: > 0 } tcp ? (int)tcp.PathMtu : null;
        return new CellMeasurement(outcome.ToCellMetrics(separateHosts: true), pathMtu, Nics: snapshots);
    }

    private static async Task<HostNicSnapshot> NicOf(FleetAgent agent, CancellationToken cancel)
    {
        var probe = await agent.SnapshotAsync(cancel);
        return new HostNicSnapshot(agent.Name, probe.Interfaces.FirstOrDefault(i => i.Name == agent.Nic)
            ?? throw new PerfSuiteException(ErrorReason.NotFound, $"host {agent.Name}: its snapshot has no {agent.Nic}"));
    }
}
