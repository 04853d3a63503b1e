using System.Text.Json.Serialization;
using PerfSuite.Model.Probe;

namespace PerfSuite.Model.Results;

/// <summary>The machine a run measured, so that a gate can refuse to compare different ones silently.</summary>
/// <param name="Hostname">Host name.</param>
/// <param name="Kernel">Kernel release (<c>uname -r</c>).</param>
/// <param name="CpuModel">CPU model name from /proc/cpuinfo.</param>
/// <param name="CpuCount">Online CPUs.</param>
/// <param name="MemoryBytes">Total memory.</param>
/// <param name="Tool">The PerfSuite that measured, with its version ("perfsuite 0.1.0").</param>
/// <param name="Sysctls">Sysctls that change datapath cost (net.core.rmem_max, net.ipv4.tcp_congestion_control
/// ...), by name.</param>
/// <param name="Probe">NIC snapshots (<c>perfsuite/probe@1</c>) of every namespace whose interfaces the run used.</param>
/// <param name="Peer">In remote mode, the other host's environment; null otherwise.</param>
/// <param name="IdleCpu">Node-wide CPU, in cores per category, over an idle window of the run's cell length taken before
/// the first cell: the floor every busy-cores figure sits on.</param>
/// <param name="TrafficInterface">In remote mode, the interface the test traffic crossed on this host (the one the
/// kernel routes to the peer through); its snapshot, and those of the devices under it, are in <see cref="Probe"/>.</param>
/// <param name="Hosts">In a fleet run (<c>run --hosts</c>), every host measured, each with its own environment and
/// the probe snapshot of its NIC under test; this environment is then the runner's. Null otherwise.</param>
/// <param name="Cluster">In a Kubernetes run (<c>k8s run</c>), the cluster: its version, nodes, CNI and encapsulation.
/// Null otherwise.</param>
public sealed record RunEnvironment(
    string Hostname,
    string Kernel,
    string CpuModel,
    int CpuCount,
    long MemoryBytes,
    string Tool,
    IReadOnlyDictionary<string, string> Sysctls,
    IReadOnlyList<ProbeDocument> Probe,
    RunEnvironment? Peer = null,
    CpuByCategory? IdleCpu = null,
    string? TrafficInterface = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<FleetHost>? Hosts = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] KubernetesCluster? Cluster = null);
