using System.Net;
using System.Net.Sockets;
using PerfSuite.LoadGen.Traffic;

namespace PerfSuite.LoadGen.Tests.Traffic;

public sealed class TcpStreamTests
{
    [Fact]
    public void Receiver_counts_every_byte_once_and_the_timeline_adds_up_to_the_window()
    {
        // Given two streams on loopback with a 0.2 s warm-up and a 0.5 s window
        var spec = LoopbackSides.Short(TestKind.TcpStream, streams: 2);

        // When
        var (sender, receiver) = LoopbackSides.Run(spec);

        // Then: the receiver's window bytes are its timeline's sum, and warm-up + window + after is its total
        var goodput = receiver.Goodput!;
        Assert.Equal(SideRole.Receiver, receiver.Role);
        Assert.True(goodput.WindowBytes > 0);
        Assert.Equal(5, receiver.Intervals.Count);
        Assert.Equal(goodput.WindowBytes, receiver.Intervals.Sum(i => i.Bytes));
        Assert.True(goodput.WarmupBytes > 0);
        Assert.True(goodput.TotalBytes >= goodput.WindowBytes + goodput.WarmupBytes);
        Assert.Equal(goodput.WindowBytes * 8 / receiver.WindowSeconds, goodput.GoodputBps, 6);
        // And it never counts more than was sent; what was sent but not counted was in flight when the receiver
        // reset the connections, which the largest buffers autotuning may grow to bound (tcp_wmem[2], tcp_rmem[2]).
        var sentTotal = sender.Goodput!.TotalBytes;
        Assert.True(goodput.TotalBytes <= sentTotal);
        var inFlightBound = 2L * (MaxBuffer("tcp_wmem") + MaxBuffer("tcp_rmem") + spec.MessageBytes);
        Assert.True(sentTotal - goodput.TotalBytes <= inFlightBound, $"{sentTotal - goodput.TotalBytes} > {inFlightBound}");
    }

    [Fact]
    public void Sender_reports_tcp_info_for_every_stream()
    {
        var spec = LoopbackSides.Short(TestKind.TcpStream, streams: 2);

        var (sender, _) = LoopbackSides.Run(spec);

        var tcp = sender.Tcp!;
        Assert.Equal(2, tcp.Streams.Count);
        Assert.True(tcp.MeanRttUs > 0);
        Assert.True(tcp.BaselineRttUs > 0 && tcp.BaselineRttUs <= tcp.Streams.Max(s => s.MaxRttUs));
        Assert.True(tcp.BytesSent > 0);
        Assert.InRange(tcp.TcpEfficiencyPercent!.Value, 0, 100);
        Assert.NotNull(tcp.BufferDelayPercent);
        // Loopback's MTU is 65536; the kernel reports the path MTU clamped to the 16-bit IP length
        Assert.Equal(65535u, tcp.PathMtu);
        Assert.True(tcp.SendMss > 1000);
        Assert.True(sender.Cpu.Host.WindowSeconds > 0);
    }

    [Fact]
    public async Task Bytes_sent_before_the_window_count_as_warm_up_and_bytes_inside_it_as_goodput()
    {
        // Given a receiver with a 0.5 s warm-up and a 0.5 s window, and a hand-written sender that writes exactly
        // 1 MiB at once and exactly 3 MiB a quarter of a second into the window, then nothing more
        var spec = new TestSpec { Test = TestKind.TcpStream, WarmupSeconds = 0.5, DurationSeconds = 0.5, IntervalSeconds = 0.1 };
        using var receiver = TrafficEngine.Listen(spec, new IPEndPoint(IPAddress.Loopback, 0));
        var receiving = Task.Factory.StartNew(() => receiver.Run(CancellationToken.None), TaskCreationOptions.LongRunning);
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);

        // When
        client.Connect(receiver.LocalEndPoint);
        client.Send(new byte[1 << 20]);
        Thread.Sleep(750);
        client.Send(new byte[3 << 20]);
        var result = await receiving;

        // Then
        Assert.Equal(1L << 20, result.Goodput!.WarmupBytes);
        Assert.Equal(3L << 20, result.Goodput.WindowBytes);
        Assert.Equal(4L << 20, result.Goodput.TotalBytes);
    }

    private static long MaxBuffer(string sysctl) =>
        long.Parse(File.ReadAllText($"/proc/sys/net/ipv4/{sysctl}").Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries)[2]);
}
