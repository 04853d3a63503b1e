using PerfSuite.Model.Datapaths;

namespace PerfSuite.Lab.Datapaths;

/// <summary>
/// Builds one datapath on top of the base cluster the lab makes for it (node namespaces joined by the underlay
/// wire <c>eth0</c>, a <c>cni0</c> bridge per node, pods with a veth to it, loopbacks up, forwarding on). A datapath
/// may have several builders, tried in order (kernel first, then userspace): one that cannot work on this host
/// says so — before anything is built through <see cref="SkipReason"/>, or from <see cref="BuildAsync"/> by throwing
/// <see cref="DatapathUnavailableException"/> (or letting a <c>KernelModuleMissingException</c> through) — and the
/// lab rebuilds the base cluster for the next builder, or reports the path skipped with every reason.
/// </summary>
public interface IDatapathBuilder
{
    Datapath Datapath { get; }

    DatapathImplementation Impl { get; }

    /// <summary>One line saying how the path is built, for <c>lab up</c> and result files.</summary>
    string Description { get; }

    /// <summary>Why this builder cannot work on this host, when that is known without building anything (a
    /// program that is not installed); null when it can try.</summary>
    string? SkipReason();

    /// <summary>The base cluster this path needs: nodes and pods per node.</summary>
    ClusterShape Shape(LabSpec spec);

    /// <summary>Adds the path's own devices, addresses, routes, neighbours and processes to the base cluster.
    /// Asynchronous because userspace implementations start processes and wait for them to be ready.</summary>
    Task<BuiltDatapath> BuildAsync(DatapathBuildContext context);
}
