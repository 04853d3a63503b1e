using PerfSuite.LoadGen.Agent;
using PerfSuite.LoadGen.Tests.Support;
using PerfSuite.LoadGen.Traffic;

namespace PerfSuite.LoadGen.Tests.Agent;

public sealed class AgentEnvironmentTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_remote_agent_describes_its_host_and_probes_the_interface_on_the_route_to_the_runner()
    {
        // Given a remote-mode agent in namespace B, where TCP timestamps are off, and a runner in A
        using var hosts = new VethNamespaces();
        VethNamespaces.Ip("netns", "exec", hosts.B, "sysctl", "-qw", "net.ipv4.tcp_timestamps=0");
        await using var agent = InProcessAgent.Tcp("s3cret", hosts.B, VethNamespaces.AddressB);
        await using var client = await AgentClient.ConnectTcpAsync(agent.Server.TcpEndPoint!, "s3cret", TimeSpan.FromSeconds(10), Cancel,
            NetworkScope.Of(hosts.A));

        // When it is asked with the runner's address, and without one
        var routed = await client.EnvironmentAsync(VethNamespaces.AddressA, Cancel);
        var everything = await client.EnvironmentAsync(null, Cancel);

        // Then the snapshot is of B's namespace: the veth the traffic crosses, or every interface there
        Assert.Equal("veth0", routed.TrafficInterface);
        var probe = Assert.Single(routed.Probe);
        Assert.Equal(hosts.B, probe.Netns);
        Assert.Equal(["veth0"], probe.Interfaces.Select(i => i.Name));
        Assert.Equal("veth", probe.Interfaces[0].Kind);
        Assert.NotEmpty(probe.Interfaces[0].Features);
        Assert.Null(everything.TrafficInterface);
        Assert.Equal(["lo", "veth0"], everything.Probe.Single().Interfaces.Select(i => i.Name).Order());
        // And the sysctls are the namespace's own (tcp_timestamps is per namespace)
        Assert.Equal("0", routed.Sysctls["net.ipv4.tcp_timestamps"]);
        Assert.True(routed.Sysctls.ContainsKey("net.ipv4.tcp_congestion_control"));
        Assert.Equal(Environment.ProcessorCount, routed.CpuCount);
        Assert.Null(routed.Peer);
    }
}
