using System.Net;
using System.Net.Sockets;
using PerfSuite.LoadGen.Traffic;

namespace PerfSuite.LoadGen.Tests.Traffic;

public sealed class DataSocketsTests
{
    [Fact]
    public async Task A_request_response_round_trip_does_not_allocate()
    {
        // Given a connected loopback pair and an echo on the other end
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        client.Connect(listener.LocalEndPoint!);
        using var server = listener.Accept();
        var echo = Task.Factory.StartNew(() =>
        {
            var buffer = new byte[100];
            while (DataSockets.ReceiveExactly(server, buffer) && DataSockets.SendAll(server, buffer))
            {
            }
        }, TaskCreationOptions.LongRunning);
        var request = DataSockets.PinnedBuffer(100);
        var response = DataSockets.PinnedBuffer(100);
        var histogram = new LatencyHistogram();
        for (var i = 0; i < 100; i++)
            Transact(client, request, response, histogram);

        // When: the loop body of tcp-rr, as the client runs it
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 2000; i++)
            Transact(client, request, response, histogram);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // Then
        Assert.Equal(0, allocated);
        client.Shutdown(SocketShutdown.Send);
        await echo;
    }

    private static void Transact(Socket socket, byte[] request, byte[] response, LatencyHistogram histogram)
    {
        var begin = System.Diagnostics.Stopwatch.GetTimestamp();
        Assert.True(DataSockets.SendAll(socket, request));
        Assert.True(DataSockets.ReceiveExactly(socket, response));
        histogram.Record(System.Diagnostics.Stopwatch.GetTimestamp() - begin);
    }
}
