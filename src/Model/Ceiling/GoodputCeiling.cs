using PerfSuite.Model.Datapaths;

namespace PerfSuite.Model.Ceiling;

/// <summary>Inputs of the goodput ceiling (reference/methodology.md §2, RFC 6349 §4.1.1 generalised).</summary>
/// <param name="LineRateBps">L, line rate in bit/s.</param>
/// <param name="UnderlayMtu">M, underlay IP MTU in bytes.</param>
/// <param name="InnerHeaderBytes">H, inner L3+L4 header bytes: IPv4+TCP 40, 52 with timestamps (the Linux default).</param>
/// <param name="VlanTagged">V: adds 4 bytes per frame for an 802.1Q tag.</param>
public sealed record CeilingInputs(double LineRateBps, int UnderlayMtu, int InnerHeaderBytes = GoodputCeiling.Ipv4TcpTimestamps,
    bool VlanTagged = false, int? PodMtuOverride = null);

/// <summary>The ceiling of one datapath: what the wire allows before any CPU or datapath cost.</summary>
public sealed record CeilingResult(
    Datapath Datapath,
    int OverheadBytes,
    int PodMtu,
    int PayloadBytes,
    int WireBytes,
    double FramesPerSecond,
    double GoodputBps,
    double Efficiency);

public static class GoodputCeiling
{
    public const int Ipv4Tcp = 40;
    public const int Ipv4TcpTimestamps = 52;
    public const int Ipv6Tcp = 60;
    public const int Ipv6TcpTimestamps = 72;
    public const int Ipv4Udp = 28;

    /// <summary>Ethernet header 14 + FCS 4 + preamble 7 + SFD 1 + inter-frame gap 12.</summary>
    public const int EthernetWireOverhead = 38;

    public static CeilingResult Compute(Datapath datapath, CeilingInputs inputs)
    {
        if (inputs.LineRateBps <= 0)
            throw new ArgumentOutOfRangeException(nameof(inputs), "the line rate must be positive");
        if (inputs.UnderlayMtu <= 0)
            throw new ArgumentOutOfRangeException(nameof(inputs), "the MTU must be positive");

        var overhead = datapath.OverheadIpv4;
        var podMtu = inputs.PodMtuOverride ?? datapath.PodMtu(inputs.UnderlayMtu);
        var payload = podMtu - inputs.InnerHeaderBytes;
        if (payload <= 0)
            throw new ArgumentOutOfRangeException(nameof(inputs),
                $"MTU {inputs.UnderlayMtu} leaves no payload on {datapath.Name} (pod MTU {podMtu}, headers {inputs.InnerHeaderBytes})");
        var wire = podMtu + overhead + EthernetWireOverhead + (inputs.VlanTagged ? 4 : 0);
        var frames = inputs.LineRateBps / (8.0 * wire);
        var goodput = 8.0 * payload * frames;
        return new CeilingResult(datapath, overhead, podMtu, payload, wire, frames, goodput, goodput / inputs.LineRateBps);
    }

    public static IReadOnlyList<CeilingResult> ComputeAll(CeilingInputs inputs) =>
        Datapath.All.Select(d => Compute(d, inputs)).ToList();
}
