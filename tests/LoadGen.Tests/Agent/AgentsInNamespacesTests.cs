using PerfSuite.LoadGen.Agent;
using PerfSuite.LoadGen.Tests.Support;
using PerfSuite.LoadGen.Traffic;

namespace PerfSuite.LoadGen.Tests.Agent;

public sealed class AgentsInNamespacesTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Agents_in_two_namespaces_run_every_test_across_a_veth_pair()
    {
        // Given two namespaces joined by veth (MTU 1500) and an agent serving each with --netns
        using var hosts = new VethNamespaces();
        await using var agentA = InProcessAgent.Unix(netns: hosts.A);
        await using var agentB = InProcessAgent.Unix(netns: hosts.B);
        await using var receiver = await agentA.ConnectAsync();
        await using var sender = await agentB.ConnectAsync();

        // When the receiver is prepared, its listening socket is inside namespace A and nowhere else
        var prepared = await receiver.PrepareReceiveAsync(AgentOverUnixSocketTests.LoopbackSpec(TestKind.TcpRr), null, Cancel);
        Assert.Contains($":{prepared.Port} ", VethNamespaces.Ip("netns", "exec", hosts.A, "ss", "-Hltn"));
        Assert.DoesNotContain($":{prepared.Port} ", VethNamespaces.Ip("netns", "exec", hosts.B, "ss", "-Hltn"));
        Assert.True(await receiver.StopAsync(Cancel));

        // And a tcp-stream and a tcp-rr test run from B to A
        var stream = await AgentTestRun.RunAsync(receiver, sender, AgentOverUnixSocketTests.LoopbackSpec(TestKind.TcpStream),
            VethNamespaces.AddressA, Cancel);
        var rr = await AgentTestRun.RunAsync(receiver, sender, AgentOverUnixSocketTests.LoopbackSpec(TestKind.TcpRr),
            VethNamespaces.AddressA, Cancel);

        var crr = await AgentTestRun.RunAsync(receiver, sender, AgentOverUnixSocketTests.LoopbackSpec(TestKind.TcpCrr),
            VethNamespaces.AddressA, Cancel);
        var udp = await AgentTestRun.RunAsync(receiver, sender,
            AgentOverUnixSocketTests.LoopbackSpec(TestKind.UdpStream) with { TargetBitsPerSecond = 50e6, DatagramBytes = 1472 },
            VethNamespaces.AddressA, Cancel);

        // Then the traffic crossed the veth: its path MTU is 1500 (loopback's would be 65535), MSS 1448 with timestamps
        Assert.Equal(hosts.A, receiver.Info.Netns);
        Assert.Equal(hosts.A, stream.Receiver.Netns);
        Assert.Equal(hosts.B, stream.Sender.Netns);
        Assert.True(stream.GoodputBps > 0);
        Assert.Equal(1500u, stream.Sender.Tcp!.PathMtu);
        Assert.Equal(1448u, stream.Sender.Tcp.SendMss);
        Assert.True(rr.TransactionsPerSecond > 0);
        Assert.True(rr.LatencyUs!.P50Us > 0);
        // tcp-crr opens a connection per transaction: every one of them was made inside namespace B
        Assert.True(crr.Sender.Transactions!.Transactions > 0);
        Assert.True(udp.Receiver.Udp!.Received > 0);
        // And the veth counters saw it: at least the window's bytes went out of B's end
        var txBytes = long.Parse(VethNamespaces.Ip("-n", hosts.B, "-s", "-j", "link", "show", "veth0")
            .Split("\"tx\":{\"bytes\":")[1].Split(',')[0], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(txBytes >= stream.Receiver.Goodput!.WindowBytes, $"{txBytes} < {stream.Receiver.Goodput.WindowBytes}");
    }
}
