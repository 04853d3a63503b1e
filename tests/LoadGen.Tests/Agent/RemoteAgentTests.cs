using System.Net;
using System.Net.Sockets;
using PerfSuite.LoadGen.Agent;
using PerfSuite.LoadGen.Tests.Support;
using PerfSuite.LoadGen.Traffic;
using PerfSuite.Model.Errors;

namespace PerfSuite.LoadGen.Tests.Agent;

/// <summary>The security rules of issue 8, against a real <c>perfsuite agent --listen</c> on the other "host".</summary>
public sealed class RemoteAgentTests
{
    private const string Token = "s3cret-token-long";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Without_the_token_every_command_is_refused_and_malformed_messages_leave_the_agent_up()
    {
        // Given an agent on host B and raw control connections from host A
        using var hosts = new VethNamespaces();
        await using var agent = await RemoteAgentUnderTest.StartAsync(hosts.B, VethNamespaces.AddressB, Token);
        var scope = NetworkScope.Of(hosts.A);

        // When commands come before hello, then with a wrong token
        await using (var anonymous = await RawControl.ConnectAsync(agent.EndPoint, scope))
        {
            foreach (var command in new[]
            {
                """{"type":"prepare-receive","id":1,"spec":{"test":"tcp-rr"}}""",
                """{"type":"run-send","id":2,"spec":{},"peer":"198.18.0.1","port":9}""",
                """{"type":"sample-cpu","id":3,"durationSeconds":1}""",
                """{"type":"environment","id":4}""",
                """{"type":"shutdown","id":5}""",
            })
            {
                // Then each is refused, shutdown included
                var reply = await anonymous.SendAsync(command);
                Assert.Equal("error", reply.GetProperty("type").GetString());
                Assert.Equal("protocol", reply.GetProperty("code").GetString());
            }
            var wrong = await anonymous.HelloAsync("guess-a-token-of-16", 6);
            Assert.Equal("error", wrong.GetProperty("type").GetString());
            Assert.Equal("permissionDenied", wrong.GetProperty("code").GetString());
            Assert.Null(await anonymous.ReadLineAsync());
        }
        Assert.False(agent.HasExited);

        // When an authenticated runner sends garbage
        await using (var runner = await RawControl.ConnectAsync(agent.EndPoint, scope))
        {
            Assert.Equal("hello", (await runner.HelloAsync(Token, 1)).GetProperty("type").GetString());
            foreach (var bad in new[]
            {
                "{not json", "null", """{"type":"bogus","id":2}""", """{"type":"environment","id":3,"peer":"not-an-ip"}""",
                """{"type":"prepare-receive","id":4,"spec":{"durationSeconds":100000}}""",
                """{"type":"sample-cpu","id":5,"durationSeconds":-1}""", new string('[', 5000), new string('x', 300_000),
            })
            {
                // Then each gets an error reply on a connection that stays open
                var reply = await runner.SendAsync(bad);
                Assert.Equal("error", reply.GetProperty("type").GetString());
                Assert.False(string.IsNullOrEmpty(reply.GetProperty("message").GetString()));
            }
            // And even an authenticated runner cannot make it send to an address of its choosing without --allow-send
            var send = await runner.SendAsync("""{"type":"run-send","id":8,"spec":{"test":"tcp-rr"},"peer":"198.18.0.1","port":9}""");
            Assert.Equal("permissionDenied", send.GetProperty("code").GetString());
            Assert.Contains("--allow-send", send.GetProperty("message").GetString());
            Assert.Equal("stopped", (await runner.SendAsync("""{"type":"stop","id":9}""")).GetProperty("type").GetString());
        }

        // And the agent still serves a proper client
        await using var client = await AgentClient.ConnectTcpAsync(agent.EndPoint, Token, TimeSpan.FromSeconds(10), Cancel, scope);
        Assert.False(await client.StopAsync(Cancel));
        Assert.False(agent.HasExited);
    }

    [Fact]
    public async Task The_agent_binds_only_the_address_given_and_a_fixed_data_port_on_it()
    {
        // Given an agent on B's veth address with a fixed data port
        using var hosts = new VethNamespaces();
        const int dataPort = 47411;
        await using var agent = await RemoteAgentUnderTest.StartAsync(hosts.B, VethNamespaces.AddressB, Token, 0, "--data-port", $"{dataPort}");
        var inB = NetworkScope.Of(hosts.B);

        // When reached on B's loopback, where it does not listen
        var loopback = await Assert.ThrowsAsync<PerfSuiteException>(() => AgentClient.ConnectTcpAsync(
            new IPEndPoint(IPAddress.Loopback, agent.EndPoint.Port), Token, TimeSpan.FromSeconds(10), Cancel, inB));

        // Then it refuses, and its data listener is on the fixed port of the given address only
        Assert.Equal(ErrorReason.NotFound, loopback.Reason);
        await using var client = await AgentClient.ConnectTcpAsync(agent.EndPoint, Token, TimeSpan.FromSeconds(10), Cancel,
            NetworkScope.Of(hosts.A));
        var prepared = await client.PrepareReceiveAsync(new TestSpec(TestKind.TcpRr, DurationSeconds: 1), null, Cancel);
        Assert.Equal(("198.18.0.2", dataPort), (prepared.Address, prepared.Port));
        var listening = VethNamespaces.Ip("netns", "exec", hosts.B, "ss", "-Hltn");
        Assert.Contains($"198.18.0.2:{dataPort} ", listening);
        Assert.Contains($"198.18.0.2:{agent.EndPoint.Port} ", listening);
        Assert.DoesNotContain($"0.0.0.0:{agent.EndPoint.Port} ", listening);
        Assert.DoesNotContain($"*:{agent.EndPoint.Port} ", listening);
        Assert.True(await client.StopAsync(Cancel));
    }

    [Fact]
    public async Task A_fixed_data_port_in_use_stops_the_agent_at_start_with_the_reason()
    {
        // Given a UDP socket holding the port on B's address
        using var hosts = new VethNamespaces();
        using var holder = NetworkScope.Of(hosts.B).CreateSocket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        holder.Bind(new IPEndPoint(VethNamespaces.AddressB, 0));
        var port = ((IPEndPoint)holder.LocalEndPoint!).Port;

        // When an agent is told to use it for data
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            RemoteAgentUnderTest.StartAsync(hosts.B, VethNamespaces.AddressB, Token, 0, "--data-port", $"{port}"));

        // Then it did not start, and says why
        Assert.Contains("data port", e.Message);
        Assert.Contains("in use", e.Message);
    }
}
