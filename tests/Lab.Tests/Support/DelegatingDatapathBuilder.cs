using PerfSuite.Lab.Datapaths;
using PerfSuite.Model.Datapaths;

namespace PerfSuite.Lab.Tests.Support;

/// <summary>A datapath builder whose behaviour a test supplies, to drive the lab's fallback, skip, failure and
/// cancellation handling the way a real builder on another host would.</summary>
internal sealed class DelegatingDatapathBuilder(Datapath datapath, DatapathImplementation impl, Func<DatapathBuildContext, Task<BuiltDatapath>> build,
    string? skipReason = null) : IDatapathBuilder
{
    public Datapath Datapath => datapath;

    public DatapathImplementation Impl => impl;

    public string Description => $"test builder ({impl})";

    public string? SkipReason() => skipReason;

    public ClusterShape Shape(LabSpec spec) => new(2, spec.PodsPerNode);

    public Task<BuiltDatapath> BuildAsync(DatapathBuildContext context) => build(context);
}
