using System.Net;
using PerfSuite.LoadGen.Agent;
using PerfSuite.LoadGen.Tests.Support;
using PerfSuite.LoadGen.Traffic;
using PerfSuite.Model.Errors;

namespace PerfSuite.LoadGen.Tests.Agent;

public sealed class AgentOverUnixSocketTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_agents_run_tcp_stream_and_report_both_sides()
    {
        // Given two in-process agents, as the lab runs one per pod
        await using var receiverAgent = InProcessAgent.Unix();
        await using var senderAgent = InProcessAgent.Unix();
        await using var receiver = await receiverAgent.ConnectAsync();
        await using var sender = await senderAgent.ConnectAsync();
        var spec = LoopbackSpec(TestKind.TcpStream);

        // When
        var outcome = await AgentTestRun.RunAsync(receiver, sender, spec, IPAddress.Loopback, Cancel);

        // Then: goodput from the receiver, tcp_info from the sender, CPU from both, all through JSON
        Assert.Equal(Environment.ProcessId, receiver.Info.Pid);
        Assert.Equal(AgentProtocol.Version, receiver.Info.Protocol);
        Assert.Equal(SideRole.Receiver, outcome.Receiver.Role);
        Assert.Equal(SideRole.Sender, outcome.Sender.Role);
        Assert.True(outcome.GoodputBps > 0);
        Assert.Equal(outcome.Receiver.Goodput!.WindowBytes, outcome.Intervals.Sum(i => i.Bytes));
        Assert.NotNull(outcome.Sender.Tcp);
        Assert.True(outcome.Receiver.Cpu.Host.WindowSeconds > 0);
        Assert.True(outcome.CoreSecondsPerGbit > 0);
        var metrics = outcome.ToCellMetrics(separateHosts: false);
        Assert.Equal(outcome.GoodputBps, metrics.GoodputBps);
        Assert.Equal(outcome.Receiver.Intervals.Count, metrics.Timeline!.Count);
        Assert.Null(metrics.SenderCpu);
        Assert.Equal(2, metrics.AgentCpu!.Count);
    }

    [Fact]
    public async Task Two_agents_run_tcp_rr_and_the_client_reports_latency()
    {
        await using var receiverAgent = InProcessAgent.Unix();
        await using var senderAgent = InProcessAgent.Unix();
        await using var receiver = await receiverAgent.ConnectAsync();
        await using var sender = await senderAgent.ConnectAsync();

        var outcome = await AgentTestRun.RunAsync(receiver, sender, LoopbackSpec(TestKind.TcpRr), IPAddress.Loopback, Cancel);

        Assert.True(outcome.TransactionsPerSecond > 0);
        Assert.Equal(outcome.Sender.Transactions!.Transactions, outcome.LatencyUs!.Count);
        Assert.Equal(outcome.LatencyUs.Count, outcome.Sender.Transactions.Histogram.Buckets.Sum(b => b.Count));
        var metrics = outcome.ToCellMetrics(separateHosts: true);
        Assert.Equal(outcome.LatencyUs.P99Us, metrics.LatencyUs!.P99);
        Assert.Null(metrics.GoodputBps);
        Assert.NotNull(metrics.SenderCpu);
        Assert.True(metrics.CoreSecondsPerMillionTransactions > 0);
    }

    [Fact]
    public async Task A_second_test_while_one_runs_is_refused_as_busy_and_stop_ends_the_first()
    {
        // Given an agent waiting as the receiver of a test no sender will join
        await using var agent = InProcessAgent.Unix();
        await using var client = await agent.ConnectAsync();
        await using var other = await agent.ConnectAsync();
        await client.PrepareReceiveAsync(LoopbackSpec(TestKind.TcpStream), IPAddress.Loopback, Cancel);
        var results = client.ResultsAsync(TimeSpan.FromSeconds(20), Cancel);

        // When another connection asks for a test
        var busy = await Assert.ThrowsAsync<PerfSuiteException>(() =>
            other.PrepareReceiveAsync(LoopbackSpec(TestKind.TcpRr), IPAddress.Loopback, Cancel));

        // Then it is refused, and a stop on the first connection, while its results request waits, ends the test
        Assert.Equal(ErrorReason.Busy, busy.Reason);
        Assert.True(await client.StopAsync(Cancel));
        var stopped = await Assert.ThrowsAsync<PerfSuiteException>(() => results);
        Assert.Contains("stopped", stopped.Message);
        // And the slot is free again
        await other.PrepareReceiveAsync(LoopbackSpec(TestKind.TcpRr), IPAddress.Loopback, Cancel);
        Assert.True(await other.StopAsync(Cancel));
    }

    [Fact]
    public async Task Specs_beyond_the_limits_are_refused_before_anything_binds()
    {
        await using var agent = InProcessAgent.Unix();
        await using var client = await agent.ConnectAsync();

        var tooLong = await Assert.ThrowsAsync<PerfSuiteException>(() =>
            client.PrepareReceiveAsync(new TestSpec(DurationSeconds: 100_000), null, Cancel));
        var tooBig = await Assert.ThrowsAsync<PerfSuiteException>(() =>
            client.RunSendAsync(new TestSpec(MessageBytes: 1 << 30), new IPEndPoint(IPAddress.Loopback, 9), Cancel));

        Assert.Equal(ErrorReason.InvalidArgument, tooLong.Reason);
        Assert.Equal(ErrorReason.InvalidArgument, tooBig.Reason);
        Assert.Null(agent.Server.Slot.Current);
    }

    [Fact]
    public async Task A_sender_that_cannot_reach_its_receiver_reports_why()
    {
        // Given a port nobody listens on (bound, never listening, so the kernel refuses connections to it)
        using var placeholder = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork,
            System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
        placeholder.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        await using var agent = InProcessAgent.Unix();
        await using var client = await agent.ConnectAsync();

        await client.RunSendAsync(LoopbackSpec(TestKind.TcpStream), (IPEndPoint)placeholder.LocalEndPoint!, Cancel);
        var e = await Assert.ThrowsAsync<PerfSuiteException>(() => client.ResultsAsync(TimeSpan.FromSeconds(20), Cancel));

        Assert.Contains("refused", e.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_fixed_data_port_is_used_by_consecutive_tests_of_both_protocols()
    {
        // Given a free port, fixed with --data-port
        int port;
        using (var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }
        await using var receiverAgent = InProcessAgent.Unix(dataPort: port);
        await using var senderAgent = InProcessAgent.Unix();
        await using var receiver = await receiverAgent.ConnectAsync();
        await using var sender = await senderAgent.ConnectAsync();

        // When three tests run back to back, TCP, UDP and TCP again (the first one's connections in TIME_WAIT)
        var first = await AgentTestRun.RunAsync(receiver, sender, LoopbackSpec(TestKind.TcpCrr), IPAddress.Loopback, Cancel);
        var udp = await AgentTestRun.RunAsync(receiver, sender,
            LoopbackSpec(TestKind.UdpStream) with { TargetBitsPerSecond = 10e6 }, IPAddress.Loopback, Cancel);
        var again = await AgentTestRun.RunAsync(receiver, sender, LoopbackSpec(TestKind.TcpRr), IPAddress.Loopback, Cancel);

        // Then all ran on that port
        Assert.Equal(port, receiver.Info.DataPort);
        Assert.True(first.Sender.Transactions!.Transactions > 0);
        Assert.True(udp.Receiver.Udp!.Received > 0);
        Assert.True(again.TransactionsPerSecond > 0);
    }

    [Fact]
    public async Task An_idle_cpu_sample_covers_the_asked_duration_and_is_refused_during_a_test()
    {
        await using var agent = InProcessAgent.Unix();
        await using var client = await agent.ConnectAsync();

        var idle = await client.SampleCpuAsync(TimeSpan.FromMilliseconds(300), Cancel);
        await client.PrepareReceiveAsync(LoopbackSpec(TestKind.TcpStream), IPAddress.Loopback, Cancel);
        var busy = await Assert.ThrowsAsync<PerfSuiteException>(() => client.SampleCpuAsync(TimeSpan.FromSeconds(1), Cancel));
        await client.StopAsync(Cancel);

        Assert.InRange(idle.Host.WindowSeconds, 0.29, 10);
        Assert.Equal(Environment.ProcessorCount, idle.Host.CpuCount);
        Assert.Equal(ErrorReason.Busy, busy.Reason);
    }

    internal static TestSpec LoopbackSpec(TestKind test) =>
        new(test, Streams: 1, DurationSeconds: 0.5, WarmupSeconds: 0.2, IntervalSeconds: 0.1);
}
