using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using PerfSuite.LoadGen.Traffic;

namespace PerfSuite.LoadGen.Tests.Traffic;

/// <summary>The per-buffer and per-transaction loops the engines run on their worker threads, driven directly with
/// a limit as bench/Traffic drives them.</summary>
public sealed class StreamAndTransactionLoopTests
{
    private const long Chunk = 1 << 20;

    [Fact]
    public void Stream_loops_move_exactly_the_limit_count_it_and_do_not_allocate()
    {
        // Given a loopback connection, a 100 KiB message (not a divisor of the limit) and counters in an open window
        var (client, server) = Connect(noDelay: false);
        using var _ = client;
        using var __ = server;
        var plan = MeasurementPlan.StartingAt(Stopwatch.GetTimestamp(), 0, 3600, 3600);
        var sent = new WindowCounter(plan);
        var received = new WindowCounter(plan);
        var message = DataSockets.PinnedBuffer(100 * 1024);
        var readBuffer = DataSockets.PinnedBuffer(TcpStreamReceiver.ReadSize(new TestSpec()));
        var stop = new StopSignal();
        long receivedTotal = 0, receiverAllocated = -1;
        var receiver = new Thread(() =>
        {
            receivedTotal += TcpStreamReceiver.Receive(server, received, readBuffer, Chunk);
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < 8; i++)
                receivedTotal += TcpStreamReceiver.Receive(server, received, readBuffer, Chunk);
            receiverAllocated = GC.GetAllocatedBytesForCurrentThread() - before;
        });
        receiver.Start();

        // When the sender's loop sends one warm-up chunk and eight measured ones
        var sentTotal = TcpStreamSender.Send(client, sent, message, stop, Chunk);
        var senderBefore = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 8; i++)
            sentTotal += TcpStreamSender.Send(client, sent, message, stop, Chunk);
        var senderAllocated = GC.GetAllocatedBytesForCurrentThread() - senderBefore;
        Assert.True(receiver.Join(TimeSpan.FromSeconds(60)), "the receive loop did not get its nine chunks");

        // Then each side moved exactly nine chunks, counted them, and allocated nothing per buffer
        Assert.Equal(9 * Chunk, sentTotal);
        Assert.Equal(9 * Chunk, receivedTotal);
        Assert.Equal(9 * Chunk, sent.WindowBytes);
        Assert.Equal(9 * Chunk, received.WindowBytes);
        Assert.Equal(0, senderAllocated);
        Assert.Equal(0, receiverAllocated);
    }

    [Fact]
    public void Stream_loops_end_on_stop_and_on_a_closed_connection()
    {
        // Given a stop already set, and a connection the peer has closed
        var (client, server) = Connect(noDelay: false);
        using var _ = client;
        var plan = MeasurementPlan.StartingAt(Stopwatch.GetTimestamp(), 0, 3600, 3600);
        var stop = new StopSignal();
        stop.Set();

        // When
        var sent = TcpStreamSender.Send(client, new WindowCounter(plan), new byte[1024], stop);
        server.Dispose();
        var received = TcpStreamReceiver.Receive(client, new WindowCounter(plan), new byte[1024]);

        // Then neither loops on
        Assert.Equal(0, sent);
        Assert.Equal(0, received);
    }

    [Fact]
    public void Transaction_loops_stop_at_the_limit_and_record_every_latency()
    {
        // Given a loopback connection with the server loop answering on its own thread
        var (client, server) = Connect(noDelay: true);
        using var _ = client;
        using var __ = server;
        var plan = MeasurementPlan.StartingAt(Stopwatch.GetTimestamp(), 0, 3600, 3600);
        var clientCounter = new WindowCounter(plan);
        var serverCounter = new WindowCounter(plan);
        var histogram = new LatencyHistogram();
        long answered = 0;
        var serverThread = new Thread(() => answered = TcpRrServer.Answer(server, new byte[64], new byte[64], serverCounter));
        serverThread.Start();

        // When the client runs 500 transactions, then shuts its side down
        var ok = TcpRrClient.Exchange(client, new byte[64], new byte[64], clientCounter, histogram, plan.WindowStart,
            new StopSignal(), limit: 500);
        client.Shutdown(SocketShutdown.Send);
        Assert.True(serverThread.Join(TimeSpan.FromSeconds(60)), "the server loop did not end when the client shut down");

        // Then both loops counted 500 transactions of 128 bytes, and every latency is in the histogram
        Assert.True(ok);
        Assert.Equal(500, answered);
        Assert.Equal(500, clientCounter.WindowOperations);
        Assert.Equal(500, serverCounter.WindowOperations);
        Assert.Equal(500 * 128, clientCounter.WindowBytes);
        Assert.Equal(500, histogram.Count);
    }

    private static (Socket Client, Socket Server) Connect(bool noDelay)
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = noDelay };
        client.Connect(listener.LocalEndPoint!);
        var server = listener.Accept();
        server.NoDelay = noDelay;
        return (client, server);
    }
}
