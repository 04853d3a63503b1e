using System.Text.Json.Serialization;

namespace PerfSuite.Model.Probe;

/// <summary><c>perfsuite probe --format json</c> (<c>perfsuite/probe@1</c>): the state of every interface probed
/// in one network namespace. Results, comparisons and tuning journals embed it as their NIC snapshot.</summary>
public sealed record ProbeDocument(
    string Schema,
    string Hostname,
    string Kernel,
    string? Netns,
    DateTimeOffset TakenUtc,
    IReadOnlyList<InterfaceSnapshot> Interfaces)
{
    /// <summary>The pod-network audit, only from <c>perfsuite probe --audit</c> (absent from the JSON otherwise).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public NetworkAudit? Audit { get; init; }
}

/// <summary>Everything the Probe read about one interface. A part the driver does not report is null and the
/// reason is in <see cref="Notes"/> (for example "rings: not reported by this driver"). <see cref="Qdisc"/> is the kind of
/// the device's root qdisc as rtnetlink reports it (IFLA_QDISC: <c>noqueue</c>, <c>fq_codel</c>, <c>mq</c>, a <c>netem</c> or
/// <c>tbf</c> left behind); null in files written before it was recorded.</summary>
public sealed record InterfaceSnapshot(
    string Name,
    int Index,
    string? Kind,
    int Mtu,
    string OperState,
    string? Master,
    string? MacAddress,
    int TxQueues,
    int RxQueues,
    DriverInfo? Driver,
    IReadOnlyList<FeatureState> Features,
    LinkSettings? Link,
    RingParams? Rings,
    ChannelParams? Channels,
    CoalesceParams? Coalesce,
    TunnelInfo? Tunnel,
    IReadOnlyList<string> Notes,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Qdisc = null);

/// <summary>ETHTOOL_GDRVINFO.</summary>
public sealed record DriverInfo(
    string Driver,
    string Version,
    string FirmwareVersion,
    string BusInfo,
    string ExpansionRomVersion,
    uint PrivateFlagCount,
    uint StatsCount,
    uint TestInfoLength,
    uint EepromDumpLength,
    uint RegisterDumpLength);

/// <summary>One named feature with the four masks of ETHTOOL_GFEATURES (matched by name, never by bit).</summary>
public sealed record FeatureState(string Name, bool Available, bool Requested, bool Active, bool NeverChanged)
{
    /// <summary>What <c>ethtool -k</c> marks "[fixed]": the user cannot change it.</summary>
    public bool Fixed => !Available || NeverChanged;
}

/// <summary>ETHTOOL_GLINKSETTINGS (or the legacy GSET), plus ETHTOOL_GLINK.</summary>
public sealed record LinkSettings(
    uint? SpeedMbps,
    string Duplex,
    string Port,
    bool Autoneg,
    int PhyAddress,
    string Transceiver,
    IReadOnlyList<string> SupportedModes,
    IReadOnlyList<string> AdvertisedModes,
    IReadOnlyList<string> PartnerAdvertisedModes,
    bool? LinkDetected);

/// <summary>ETHTOOL_GRINGPARAM: current and maximum descriptor counts.</summary>
public sealed record RingParams(
    uint RxMax, uint RxMiniMax, uint RxJumboMax, uint TxMax,
    uint Rx, uint RxMini, uint RxJumbo, uint Tx);

/// <summary>ETHTOOL_GCHANNELS: current and maximum queue counts.</summary>
public sealed record ChannelParams(
    uint MaxRx, uint MaxTx, uint MaxOther, uint MaxCombined,
    uint Rx, uint Tx, uint Other, uint Combined);

/// <summary>ETHTOOL_GCOALESCE, every field in kernel order. Written back whole for rollback
/// (reference/ethtool-abi.md: newer kernels reject parameters the driver does not declare).</summary>
public sealed record CoalesceParams(
    uint RxUsecs, uint RxMaxFrames, uint RxUsecsIrq, uint RxMaxFramesIrq,
    uint TxUsecs, uint TxMaxFrames, uint TxUsecsIrq, uint TxMaxFramesIrq,
    uint StatsBlockUsecs, bool AdaptiveRx, bool AdaptiveTx,
    uint PacketRateLow, uint RxUsecsLow, uint RxMaxFramesLow, uint TxUsecsLow, uint TxMaxFramesLow,
    uint PacketRateHigh, uint RxUsecsHigh, uint RxMaxFramesHigh, uint TxUsecsHigh, uint TxMaxFramesHigh,
    uint RateSampleInterval);

/// <summary>What a tunnel device carries, from rtnetlink IFLA_LINKINFO (VXLAN VNI and UDP port, endpoints).</summary>
public sealed record TunnelInfo(
    string Kind,
    uint? Vni,
    int? Port,
    string? Local,
    string? Remote,
    string? UnderlayDevice,
    bool? Learning);
