namespace PerfSuite.Lab.Tunnels.Ipip;

/// <summary>What an encapsulator has done so far. Bytes count inner packets (what the pods sent); the wire carried
/// 20 more per packet.</summary>
public sealed record IpipEncapsulatorCounters(
    long EncapsulatedPackets,
    long EncapsulatedBytes,
    long DecapsulatedPackets,
    long DecapsulatedBytes,
    long FragmentationNeededSent,
    long FragmentedPackets,
    long DroppedNotIpv4,
    long DroppedOnSend,
    long RejectedFromWrongPeer,
    long RejectedMalformed,
    long DroppedOnTunWrite);
