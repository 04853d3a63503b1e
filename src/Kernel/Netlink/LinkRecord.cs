using PerfSuite.Model.Probe;

namespace PerfSuite.Kernel.Netlink;

/// <summary>One interface as an RTM_NEWLINK message describes it.</summary>
/// <param name="Qdisc">IFLA_QDISC: the kind of the device's root qdisc (<c>noqueue</c>, <c>fq_codel</c>, <c>mq</c>, <c>netem</c> …).</param>
public sealed record LinkRecord(
    int Index,
    string Name,
    string? Kind,
    string? SlaveKind,
    uint Flags,
    int Mtu,
    int? MinMtu,
    int? MaxMtu,
    string OperState,
    int? MasterIndex,
    int? LinkIndex,
    int? LinkNetnsId,
    int TxQueues,
    int RxQueues,
    string? MacAddress,
    TunnelInfo? Tunnel,
    LinkCounters? Counters = null,
    string? Qdisc = null)
{
    public const uint IffUp = 0x1;
    public const uint IffLoopback = 0x8;

    public bool IsUp => (Flags & IffUp) != 0;

    public bool IsLoopback => (Flags & IffLoopback) != 0;
}

/// <summary>The packet counters of IFLA_STATS64 (struct rtnl_link_stats64's first two fields).</summary>
public sealed record LinkCounters(ulong RxPackets, ulong TxPackets);
