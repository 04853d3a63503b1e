using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using PerfSuite.LoadGen.Traffic;

namespace PerfSuite.LoadGen.Tests.Traffic;

public sealed class UdpStreamTests
{
    [Fact]
    public void Paced_datagrams_arrive_with_consistent_loss_accounting()
    {
        // Given two streams of 1200-byte datagrams at 20 Mbit/s in total
        var spec = LoopbackSides.Short(TestKind.UdpStream, streams: 2) with { DatagramBytes = 1200, TargetBitsPerSecond = 20e6 };

        // When
        var (sender, receiver) = LoopbackSides.Run(spec);

        // Then
        var udp = receiver.Udp!;
        Assert.True(udp.Received > 0);
        Assert.Equal(udp.Expected - udp.Received, udp.Lost);
        Assert.Equal(udp.Received * 1200, receiver.Goodput!.WindowBytes);
        Assert.Equal(udp.Received, receiver.Intervals.Sum(i => i.Operations));
        Assert.True(udp.JitterUs >= 0);
        Assert.True(sender.UdpSender!.SentTotal >= udp.Received);
        // Pacing holds the offered load near the target (generous bounds: this is not a timing test)
        Assert.InRange(sender.UdpSender.OfferedBitsPerSecond, 20e6 * 0.5, 20e6 * 1.5);
    }

    [Fact]
    public async Task Loss_and_reordering_are_counted_from_the_sequence_numbers()
    {
        // Given a receiver whose window opens at the first datagram, and a hand-written sender that leaves out every
        // tenth sequence number of 0..99 and swaps 41 and 42. The 90 datagrams fit loopback's default receive buffer.
        var spec = new TestSpec { Test = TestKind.UdpStream, WarmupSeconds = 0, DurationSeconds = 1, DatagramBytes = 64 };
        using var receiver = TrafficEngine.Listen(spec, new IPEndPoint(IPAddress.Loopback, 0));
        var receiving = Task.Factory.StartNew(() => receiver.Run(CancellationToken.None), TaskCreationOptions.LongRunning);
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        client.Connect(receiver.LocalEndPoint);
        var order = Enumerable.Range(0, 100).Where(s => s % 10 != 5).ToList();
        (order[order.IndexOf(41)], order[order.IndexOf(42)]) = (42, 41);
        var datagrams = order.Select(sequence =>
        {
            var datagram = new byte[64];
            new UdpDatagramHeader(0, (ulong)sequence, Stopwatch.GetTimestamp()).Write(datagram);
            return datagram;
        }).ToList();

        // When
        foreach (var datagram in datagrams)
            client.Send(datagram);
        client.Send(new byte[10]);
        var result = await receiving;

        // Then: 100 expected (0..99), 90 received, 10 lost, the swapped pair late, and the short datagram ignored.
        // Loopback can reorder on its own when the sending thread is moved to the other CPU mid-burst (each CPU has
        // its own backlog queue), so the late count is at least the one we made.
        var udp = result.Udp!;
        Assert.Equal(90, udp.Received);
        Assert.Equal(100, udp.Expected);
        Assert.Equal(10, udp.Lost);
        Assert.Equal(10.0, udp.LossPercent, 9);
        Assert.InRange(udp.OutOfOrder, 1, 90);
        Assert.Equal(1, udp.ForeignDatagrams);
    }

    [Fact]
    public void Jitter_follows_rfc3550_on_synthetic_arrivals()
    {
        // Given: constant transit time gives no jitter
        var steady = new InterarrivalJitter();
        for (var i = 0; i < 100; i++)
            steady.Add(i * 1000, i * 1000 + 500);
        Assert.Equal(0, steady.JitterNs);

        // Given: transit alternating 500 and 700 ns, |D| = 200 every time, so J(n) = 200 (1 − (15/16)^n)
        var alternating = new InterarrivalJitter();
        const int n = 50;
        for (var i = 0; i <= n; i++)
            alternating.Add(i * 1000, i * 1000 + (i % 2 == 0 ? 500 : 700));
        Assert.Equal(200 * (1 - Math.Pow(15.0 / 16, n)), alternating.JitterNs, 9);
    }

    [Fact]
    public void Sequence_statistics_count_gaps_and_late_arrivals()
    {
        var stats = new UdpStreamStatistics();
        foreach (var seq in new ulong[] { 10, 11, 13, 12, 16, 9 })
            stats.Add(new UdpDatagramHeader(0, seq, 0), 100, 0);

        // 9..16 is 8 expected, 6 received; 12 and 9 arrived after a higher number
        Assert.Equal(8, stats.Expected);
        Assert.Equal(2, stats.Lost);
        Assert.Equal(2, stats.OutOfOrder);
        Assert.Equal(600, stats.Bytes);
    }

    [Fact]
    public void Header_round_trips_and_rejects_foreign_datagrams()
    {
        var buffer = new byte[UdpDatagramHeader.Size];
        new UdpDatagramHeader(3, 1234567890123, -42).Write(buffer);

        Assert.True(UdpDatagramHeader.TryRead(buffer, out var header));
        Assert.Equal(new UdpDatagramHeader(3, 1234567890123, -42), header);
        Assert.False(UdpDatagramHeader.TryRead(buffer.AsSpan(0, 23), out _));
        buffer[0] ^= 1;
        Assert.False(UdpDatagramHeader.TryRead(buffer, out _));
    }
}
