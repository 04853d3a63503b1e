using System.Net;
using PerfSuite.LoadGen.Traffic;
using PerfSuite.Model.Errors;

namespace PerfSuite.LoadGen.Tests.Traffic;

/// <summary>Runs alone, after the parallel tests, because it counts this process's worker threads.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TrafficThreadsCollection
{
    public const string Name = "traffic threads";
}

[Collection(TrafficThreadsCollection.Name)]
public sealed class CancellationTests
{
    [Theory]
    [InlineData(TestKind.TcpStream)]
    [InlineData(TestKind.TcpRr)]
    [InlineData(TestKind.TcpCrr)]
    [InlineData(TestKind.UdpStream)]
    public async Task Cancelling_both_sides_inside_the_window_fails_them_and_ends_every_traffic_thread(TestKind test)
    {
        // Given both sides of a two-stream test on loopback, well inside a 30 s window: workers are blocked in
        // send/recv/accept when the cancellation aborts their sockets
        var before = WorkerThreads.Live;
        var spec = new TestSpec { Test = test, Streams = 2, WarmupSeconds = 0.2, DurationSeconds = 30, IntervalSeconds = 0.1 };
        using var receiver = TrafficEngine.Listen(spec, new IPEndPoint(IPAddress.Loopback, 0));
        var sender = TrafficEngine.Sender(spec);
        using var cancel = new CancellationTokenSource();
        var receiving = Task.Factory.StartNew(() => receiver.Run(cancel.Token), TaskCreationOptions.LongRunning);
        var sending = Task.Factory.StartNew(() => sender.Run(receiver.LocalEndPoint, cancel.Token), TaskCreationOptions.LongRunning);
        await Task.Delay(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);
        Assert.False(receiving.IsCompleted || sending.IsCompleted, "a side ended before it was cancelled");

        // When
        await cancel.CancelAsync();

        // Then each side reports that it was stopped (a PerfSuiteException, which the agent turns into a failed cell)
        var received = await Assert.ThrowsAsync<PerfSuiteException>(() => receiving.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken));
        var sent = await Assert.ThrowsAsync<PerfSuiteException>(() => sending.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken));
        Assert.Contains("stopped", received.Message);
        Assert.Contains("stopped", sent.Message);
        // And no worker thread outlives its side: they were woken, not left blocked on a closed socket
        Assert.InRange(WorkerThreads.Live, 0, before);
    }
}
