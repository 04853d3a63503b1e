using System.Diagnostics;
using PerfSuite.Kernel.Namespaces;
using PerfSuite.Kernel.Netlink;
using PerfSuite.Kernel.Processes;
using PerfSuite.Lab.State;
using PerfSuite.Model.Datapaths;
using PerfSuite.Model.Errors;

namespace PerfSuite.Lab.Datapaths;

/// <summary>
/// What a builder works with: the spec, the base cluster (nodes, pods, addresses), the MTUs, an rtnetlink
/// client per namespace, host-unique interface names, and a way to start processes (recorded in the lab's state
/// before the call returns, so <c>lab clean</c> finds them after a crash) or to hand over in-process resources
/// the lab disposes when it goes down. In-process resources end with the process that built the lab; what must
/// outlive <c>perfsuite lab up</c> has to be a process.
/// </summary>
public sealed class DatapathBuildContext
{
    private readonly NamespaceSessions _sessions;
    private readonly LabRecorder _recorder;
    private readonly LabResources _resources;

    internal DatapathBuildContext(LabSpec spec, PathCluster cluster, NamespaceSessions sessions, LabRecorder recorder,
        LabResources resources, CancellationToken cancellation)
    {
        Spec = spec;
        Cluster = cluster;
        _sessions = sessions;
        _recorder = recorder;
        _resources = resources;
        Cancellation = cancellation;
    }

    public LabSpec Spec { get; }

    public PathCluster Cluster { get; }

    public int UnderlayMtu => Spec.UnderlayMtu;

    /// <summary>The MTU of the path's own devices: underlay − overhead.</summary>
    public int TunnelMtu => Spec.TunnelMtuFor(Cluster.Datapath);

    public int PodMtu => Spec.PodMtuFor(Cluster.Datapath);

    public CancellationToken Cancellation { get; }

    /// <summary>The rtnetlink client of a lab namespace, valid during <see cref="IDatapathBuilder.BuildAsync"/> only
    /// (the lab closes its sockets once it is up).</summary>
    public RtnetlinkClient Netlink(string netns) => _sessions[netns];

    /// <summary>A name unique on the host for something named outside the namespaces (a WireGuard UAPI socket):
    /// <c>ps-LAB-SUFFIX</c>, suffix at most <see cref="LabNaming.MaxInterfaceSuffixLength"/> characters.</summary>
    public string HostUniqueInterface(string suffix) => LabNaming.HostUniqueInterface(Spec.Name, suffix);

    /// <summary>Starts a process inside <paramref name="netns"/>; its pid is in the lab's state before this returns,
    /// and the lab kills it when it goes down.</summary>
    public Process StartProcess(string netns, ProcessStartInfo startInfo, string description)
    {
        var process = NetworkNamespace.StartProcess(netns, startInfo);
        var identity = ProcessIdentity.Of(process.Id);
        if (identity is null)
        {
            process.WaitForExit();
            throw new PerfSuiteException(ErrorReason.Failed,
                $"{description} ({startInfo.FileName}) in '{netns}' exited at once with code {process.ExitCode}");
        }
        _recorder.Record(identity.Pid, netns, description);
        _resources.Own(identity, process);
        return process;
    }

    /// <summary>Takes over a process a tunnel component started itself (an IPIP encapsulator process, a wireguard-go
    /// device): its pid goes into the lab's state, so <c>lab down</c> and <c>lab clean</c> end it even from another
    /// process, and <paramref name="handle"/> is disposed (stopping it gracefully) when this lab goes down.</summary>
    public void Adopt(string netns, int pid, string description, IAsyncDisposable handle)
    {
        _resources.Own(handle);
        _recorder.Record(pid, netns, description);
    }

    /// <summary>Where a process a tunnel component is starting is written at once, before it is ready and before
    /// <see cref="Adopt"/> can take its handle, so a crash in between still leaves it to <c>lab clean</c>. Pass
    /// <c>pid => Processes.Record(pid, ...)</c> as the component's <c>started</c> callback.</summary>
    public ILabProcessLedger Processes => _recorder;

    /// <summary>Hands an in-process resource (a TUN encapsulator's threads) to the lab, disposed when it goes down.</summary>
    public void Own(IAsyncDisposable resource) => _resources.Own(resource);
}
