using PerfSuite.LoadGen.Traffic;

namespace PerfSuite.LoadGen.Tests.Traffic;

public sealed class TransactionTests
{
    [Theory]
    [InlineData(TestKind.TcpRr)]
    [InlineData(TestKind.TcpCrr)]
    public void Client_latency_histogram_holds_exactly_the_window_transactions(TestKind test)
    {
        // Given two connections exchanging 100-byte requests and 200-byte responses
        var spec = LoopbackSides.Short(test, streams: 2) with { RequestBytes = 100, ResponseBytes = 200 };

        // When
        var (client, server) = LoopbackSides.Run(spec);

        // Then
        var t = client.Transactions!;
        Assert.True(t.Transactions > 0);
        Assert.Equal(t.Transactions, t.LatencyUs.Count);
        Assert.Equal(t.Transactions, t.Histogram.Count);
        Assert.Equal(t.Transactions, client.Intervals.Sum(i => i.Operations));
        Assert.Equal(t.Transactions * 300, client.Goodput!.WindowBytes);
        Assert.Equal(t.Transactions / client.WindowSeconds, t.TransactionsPerSecond, 6);
        var l = t.LatencyUs;
        Assert.True(l.MinUs > 0);
        Assert.True(l.MinUs <= l.P50Us && l.P50Us <= l.P90Us && l.P90Us <= l.P99Us && l.P99Us <= l.P999Us && l.P999Us <= l.MaxUs);
        Assert.InRange(l.MeanUs, l.MinUs, l.MaxUs);
        // And the server served them: in its own window, which is offset from the client's by a scheduling delay
        Assert.True(server.Transactions!.Transactions > 0);
        Assert.Equal(SideRole.Receiver, server.Role);
    }
}
