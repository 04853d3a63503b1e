using PerfSuite.Model.Datapaths;

namespace PerfSuite.Lab.Datapaths.Routing;

/// <summary>Node to node on the underlay wire, no pods: the bare-metal baseline every other path is held to.</summary>
public sealed class HostDatapathBuilder : IDatapathBuilder
{
    public Datapath Datapath => Datapath.Host;

    public DatapathImplementation Impl => DatapathImplementation.Kernel;

    public string Description => "node 1 to node 2 over the underlay eth0, no pods";

    public string? SkipReason() => null;

    public ClusterShape Shape(LabSpec spec) => new(Nodes: 2, PodsPerNode: 0);

    public Task<BuiltDatapath> BuildAsync(DatapathBuildContext context) => Task.FromResult<BuiltDatapath>(new([]));
}
