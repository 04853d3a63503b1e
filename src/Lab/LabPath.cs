using PerfSuite.Lab.Datapaths;
using PerfSuite.Lab.Offloads;
using PerfSuite.Model.Datapaths;
using PerfSuite.Model.Results;

namespace PerfSuite.Lab;

/// <summary>
/// One datapath of a lab as built: where traffic starts and ends (<see cref="Client"/>, <see cref="Server"/>:
/// pods, or nodes for the host path), the node namespaces, the MTUs, the implementation, the tunnel devices,
/// the offloads applied and what verification observed. A skipped path has only its reason.
/// </summary>
public sealed record LabPath(
    Datapath Datapath,
    LabPathStatus Status,
    string? Reason,
    DatapathImplementation? Impl,
    string? Description,
    int UnderlayMtu,
    int PodMtu,
    int? TunnelMtu,
    bool PodMtuOverridden,
    IReadOnlyList<LabNode> Nodes,
    IReadOnlyList<LabPod> Pods,
    LabEndpoint? Client,
    LabEndpoint? Server,
    IReadOnlyList<TunnelDevice> TunnelDevices,
    IReadOnlyList<OffloadApplication> Offloads,
    PathVerification? Verification)
{
    public string Name => Datapath.Name;

    public bool IsReady => Status == LabPathStatus.Ready;

    public IReadOnlyList<string> NodeNamespaces => Nodes.Select(n => n.Namespace).ToList();

    public IEnumerable<string> Namespaces => Nodes.Select(n => n.Namespace).Concat(Pods.Select(p => p.Namespace));

    public static LabPath Skipped(Datapath datapath, LabSpec spec, string reason) =>
        new(datapath, LabPathStatus.Skipped, reason, null, null, spec.UnderlayMtu, spec.PodMtuFor(datapath), null,
            spec.PodMtuOverridden, [], [], null, null, [], [], null);
}
