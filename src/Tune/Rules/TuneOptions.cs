using PerfSuite.Model.Datapaths;

namespace PerfSuite.Tune.Rules;

/// <summary>What the rules assume about the traffic: the link speed and round-trip time socket buffers are sized
/// for (the bandwidth-delay product), the datapath whose MTU pods should have, and the interfaces to report on.</summary>
/// <param name="LinkSpeedBps">Bits per second; null: the underlay's reported speed, else 10 Gbit/s.</param>
/// <param name="RoundTripTime">The round-trip time between pods on different nodes.</param>
/// <param name="Path">The datapath in use; null: every datapath found.</param>
/// <param name="Interfaces">Report interface findings only for these; empty: every interface.</param>
public sealed record TuneOptions(
    double? LinkSpeedBps = null,
    TimeSpan? RoundTripTime = null,
    Datapath? Path = null,
    IReadOnlyList<string>? Interfaces = null)
{
    public const double DefaultLinkSpeedBps = 10e9;

    /// <summary>A generous in-datacenter RTT: node-to-node RTTs are usually 0.05–0.5 ms.</summary>
    public static readonly TimeSpan DefaultRoundTripTime = TimeSpan.FromMilliseconds(1);

    public TimeSpan Rtt => RoundTripTime ?? DefaultRoundTripTime;

    public IReadOnlyList<string> InterfaceFilter => Interfaces ?? [];
}
