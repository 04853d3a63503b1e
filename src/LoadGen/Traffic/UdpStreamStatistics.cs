namespace PerfSuite.LoadGen.Traffic;

/// <summary>What one UDP stream's receiver saw in the window: datagrams received, the lowest and highest sequence
/// number among them, late (out-of-order) arrivals and jitter. Loss is the gap between the sequence range and the
/// count, so datagrams lost at the very edges of the window are not visible, as in iperf3; a duplicated datagram
/// counts as received.</summary>
public struct UdpStreamStatistics
{
    private InterarrivalJitter _jitter;

    public long Received { get; private set; }
    public long Bytes { get; private set; }
    public ulong LowestSequence { get; private set; }
    public ulong HighestSequence { get; private set; }
    public long OutOfOrder { get; private set; }

    public readonly double JitterNs => _jitter.JitterNs;

    public readonly long Expected => Received == 0 ? 0 : (long)(HighestSequence - LowestSequence) + 1;

    public readonly long Lost => Math.Max(0, Expected - Received);

    public void Add(in UdpDatagramHeader header, int bytes, long arrivalNs)
    {
        if (Received == 0)
        {
            LowestSequence = HighestSequence = header.Sequence;
        }
        else if (header.Sequence > HighestSequence)
        {
            HighestSequence = header.Sequence;
        }
        else
        {
            OutOfOrder++;
            if (header.Sequence < LowestSequence)
                LowestSequence = header.Sequence;
        }
        Received++;
        Bytes += bytes;
        _jitter.Add(header.SendTimestampNs, arrivalNs);
    }
}
