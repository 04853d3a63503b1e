using PerfSuite.Model.Datapaths;

namespace PerfSuite.Lab.Datapaths.Routing;

/// <summary>Two pods on one node's bridge: pure L2, the cheapest path a CNI has.</summary>
public sealed class SameNodeDatapathBuilder : IDatapathBuilder
{
    public Datapath Datapath => Datapath.SameNode;

    public DatapathImplementation Impl => DatapathImplementation.Kernel;

    public string Description => "two pods on node 1's bridge cni0";

    public string? SkipReason() => null;

    public ClusterShape Shape(LabSpec spec) => new(Nodes: 1, PodsPerNode: Math.Max(2, spec.PodsPerNode));

    public Task<BuiltDatapath> BuildAsync(DatapathBuildContext context) => Task.FromResult<BuiltDatapath>(new([]));
}
