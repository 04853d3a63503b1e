using PerfSuite.Lab.Offloads;
using PerfSuite.Model.Datapaths;
using PerfSuite.Model.Errors;

namespace PerfSuite.Lab;

/// <summary>
/// What to build: the datapaths (each gets its own cluster of namespaces), the underlay MTU, an optional pod MTU
/// that overrides the CNI rule (underlay − overhead) as a misconfiguration experiment, pods per node, and the
/// offload profile. <see cref="Persistent"/> labs outlive the process that built them (<c>perfsuite lab up</c>);
/// others are removed as stale once their owner is gone.
/// </summary>
public sealed record LabSpec(
    string Name,
    IReadOnlyList<Datapath> Paths,
    int UnderlayMtu = 1500,
    int? PodMtu = null,
    int PodsPerNode = 1,
    OffloadProfile? OffloadProfile = null,
    bool Verify = true,
    bool Persistent = false)
{
    /// <summary>IPv4's minimum MTU (RFC 791), which is also ETH_MIN_MTU, the smallest a veth accepts.</summary>
    public const int MinMtu = 68;
    /// <summary>ETH_MAX_MTU, the largest MTU veth and bridge devices accept.</summary>
    public const int MaxMtu = 65535;

    public OffloadProfile Offloads => OffloadProfile ?? OffloadProfiles.Default;

    /// <summary>The MTU a CNI gives pods of <paramref name="path"/>, or the override.</summary>
    public int PodMtuFor(Datapath path) => PodMtu ?? path.PodMtu(UnderlayMtu);

    /// <summary>The MTU of the path's tunnel device: the underlay less the encapsulation, whatever the pods say.</summary>
    public int TunnelMtuFor(Datapath path) => path.PodMtu(UnderlayMtu);

    /// <summary>The largest packet that crosses the path: the pod MTU, capped by what the underlay or tunnel
    /// carries when the path leaves the node (pods on one bridge see only each other's MTU).</summary>
    public int ExpectedPathMtu(Datapath path) => path.Kind switch
    {
        DatapathKind.Host => UnderlayMtu,
        DatapathKind.SameNode => PodMtuFor(path),
        _ => Math.Min(PodMtuFor(path), TunnelMtuFor(path)),
    };

    public bool PodMtuOverridden => PodMtu is not null;

    /// <summary>Refuses what the kernel would refuse, before anything is made.</summary>
    public void Validate()
    {
        LabNaming.Validate(Name);
        if (Paths.Count == 0)
            throw new PerfSuiteException(ErrorReason.InvalidArgument, "no datapath to build");
        if (Paths.Distinct().Count() != Paths.Count)
            throw new PerfSuiteException(ErrorReason.InvalidArgument, "a datapath is listed twice");
        if (UnderlayMtu is < MinMtu or > MaxMtu)
            throw new PerfSuiteException(ErrorReason.InvalidArgument,
                $"underlay MTU {UnderlayMtu} is outside what the kernel accepts ({MinMtu} to {MaxMtu})");
        if (PodMtu is { } pod and (< MinMtu or > MaxMtu))
            throw new PerfSuiteException(ErrorReason.InvalidArgument,
                $"pod MTU {pod} is outside what the kernel accepts ({MinMtu} to {MaxMtu})");
        foreach (var path in Paths)
        {
            if (path.PodMtu(UnderlayMtu) < MinMtu)
                throw new PerfSuiteException(ErrorReason.InvalidArgument,
                    $"underlay MTU {UnderlayMtu} is too small for {path.Name}: its {path.OverheadIpv4} bytes of overhead leave {path.PodMtu(UnderlayMtu)}, and IPv4 needs {MinMtu}");
        }
        if (PodsPerNode is < 1 or > LabAddressing.MaxPodsPerNode)
            throw new PerfSuiteException(ErrorReason.InvalidArgument,
                $"pods per node must be between 1 and {LabAddressing.MaxPodsPerNode}, not {PodsPerNode}");
    }
}
