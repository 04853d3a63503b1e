using PerfSuite.Kernel.Sysfs;
using PerfSuite.Model.Probe;

namespace PerfSuite.Probe.Facts;

/// <summary>Everything the rules look at, read from one network namespace at one moment: the probe@1 snapshot of
/// its interfaces, what rtnetlink adds about each link (MTU limits, where a veth's peer is), its routes with their
/// MTU metrics, the sysctls that matter, the RPS masks of each receive queue, the softnet counters and the CPU
/// count. Rules are pure functions of this record, so they are tested on synthetic ones.</summary>
public sealed record NetworkFacts(
    ProbeDocument Probe,
    IReadOnlyList<LinkFacts> Links,
    IReadOnlyList<RouteFacts> Routes,
    IReadOnlyList<SysctlFact> Sysctls,
    IReadOnlyList<RpsQueueMask> RpsQueues,
    SoftnetCounters? Softnet,
    int CpuCount)
{
    public InterfaceSnapshot? Interface(string name) =>
        Probe.Interfaces.FirstOrDefault(i => string.Equals(i.Name, name, StringComparison.Ordinal));

    public LinkFacts? Link(string name) =>
        Links.FirstOrDefault(l => string.Equals(l.Name, name, StringComparison.Ordinal));

    public SysctlFact? Sysctl(string key) =>
        Sysctls.FirstOrDefault(s => string.Equals(s.Key, key, StringComparison.Ordinal));
}
