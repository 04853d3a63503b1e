using System.Net.Sockets;
using PerfSuite.Kernel.Sockets;

namespace PerfSuite.LoadGen.Traffic;

/// <summary>tcp_info of every sending stream at the window's edges and once per interval in between, reduced to
/// <see cref="TcpSenderMetrics"/>. Runs on the coordinator thread only.</summary>
internal sealed class TcpWindowStats(Socket[] sockets)
{
    private readonly TcpInfoSample[] _start = new TcpInfoSample[sockets.Length];
    private readonly TcpInfoSample[] _end = new TcpInfoSample[sockets.Length];
    private readonly double[] _rttSum = new double[sockets.Length];
    private readonly int[] _rttCount = new int[sockets.Length];
    private readonly uint[] _rttMin = Enumerable.Repeat(uint.MaxValue, sockets.Length).ToArray();
    private readonly uint[] _rttMax = new uint[sockets.Length];

    public void Open()
    {
        for (var i = 0; i < sockets.Length; i++)
            _start[i] = TcpInfoReader.Read(sockets[i]);
    }

    /// <summary>RTT during transfer (RFC 6349 §3.3.2) is the mean of the kernel's smoothed RTT read once per
    /// interval inside the window.</summary>
    public void Sample()
    {
        for (var i = 0; i < sockets.Length; i++)
            AddRtt(i, TcpInfoReader.Read(sockets[i]).RttUs);
    }

    public void Close()
    {
        for (var i = 0; i < sockets.Length; i++)
        {
            _end[i] = TcpInfoReader.Read(sockets[i]);
            AddRtt(i, _end[i].RttUs);
        }
    }

    public TcpSenderMetrics Metrics()
    {
        var streams = new List<TcpStreamStats>(sockets.Length);
        long retransmits = 0;
        long? sent = 0, retransmitted = 0;
        double rttSum = 0;
        var rttCount = 0;
        var baseline = double.MaxValue;
        for (var i = 0; i < sockets.Length; i++)
        {
            var (a, b) = (_start[i], _end[i]);
            var streamRetransmits = (long)b.TotalRetransmits - a.TotalRetransmits;
            long? streamSent = b.BytesSent is { } bs && a.BytesSent is { } @as ? (long)(bs - @as) : null;
            long? streamRetransmitted = b.BytesRetransmitted is { } br && a.BytesRetransmitted is { } ar ? (long)(br - ar) : null;
            retransmits += streamRetransmits;
            sent = sent is { } s && streamSent is { } ss ? s + ss : null;
            retransmitted = retransmitted is { } r && streamRetransmitted is { } sr ? r + sr : null;
            rttSum += _rttSum[i];
            rttCount += _rttCount[i];
            if (b.MinRttUs > 0)
                baseline = Math.Min(baseline, b.MinRttUs);
            streams.Add(new TcpStreamStats(i, streamSent ?? 0, streamRetransmitted ?? 0, streamRetransmits,
                _rttCount[i] > 0 ? _rttSum[i] / _rttCount[i] : 0,
                _rttCount[i] > 0 ? _rttMin[i] : 0, _rttMax[i], b.SendMss, b.PathMtu, b.CongestionWindow,
                b.DeliveryRateBytesPerSecond * 8.0));
        }
        var meanRtt = rttCount > 0 ? rttSum / rttCount : 0;
        if (baseline == double.MaxValue)
            baseline = 0;
        double? efficiency = sent is > 0 && retransmitted is { } re ? (sent.Value - re) * 100.0 / sent.Value : null;
        double? bufferDelay = baseline > 0 ? (meanRtt - baseline) * 100.0 / baseline : null;
        return new TcpSenderMetrics(retransmits, sent, retransmitted, efficiency, meanRtt, baseline, bufferDelay,
            _end.Length > 0 ? _end.Min(e => e.PathMtu) : 0, _end.Length > 0 ? _end.Min(e => e.SendMss) : 0, streams);
    }

    private void AddRtt(int stream, uint rttUs)
    {
        if (rttUs == 0)
            return;
        _rttSum[stream] += rttUs;
        _rttCount[stream]++;
        _rttMin[stream] = Math.Min(_rttMin[stream], rttUs);
        _rttMax[stream] = Math.Max(_rttMax[stream], rttUs);
    }
}
