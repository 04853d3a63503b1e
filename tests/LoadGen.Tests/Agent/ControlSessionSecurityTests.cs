using System.Net;
using System.Net.Sockets;
using System.Text;
using PerfSuite.LoadGen.Agent;
using PerfSuite.LoadGen.Tests.Support;
using PerfSuite.LoadGen.Traffic;
using PerfSuite.Model.Errors;

namespace PerfSuite.LoadGen.Tests.Agent;

/// <summary>An on-path observer of a remote control session learns no token and cannot inject or change a command.</summary>
public sealed class ControlSessionSecurityTests
{
    private const string Token = "on-path-test-token-4f2a9c";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_recorded_session_carries_neither_the_token_nor_the_commands_in_clear()
    {
        // Given an observer recording a whole session between a runner and an agent
        await using var agent = InProcessAgent.Tcp(Token);
        await using var relay = new LineRelay(agent.Server.TcpEndPoint!);
        await using (var client = await AgentClient.ConnectTcpAsync(relay.EndPoint, Token, TimeSpan.FromSeconds(5), Cancel))
        {
            // When the runner authenticates and works
            await client.PrepareReceiveAsync(AgentOverUnixSocketTests.LoopbackSpec(TestKind.TcpRr), null, Cancel);
            Assert.True(await client.StopAsync(Cancel));
        }

        // Then the recording holds the handshake but neither the token (in any usual encoding) nor a command or reply
        var recording = relay.Recording;
        var text = Encoding.ASCII.GetString(recording);
        Assert.Contains("\"challenge\"", text, StringComparison.Ordinal);
        var tokenBytes = Encoding.UTF8.GetBytes(Token);
        Assert.Equal(-1, recording.AsSpan().IndexOf(tokenBytes));
        Assert.DoesNotContain(Convert.ToBase64String(tokenBytes), text, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToHexString(tokenBytes), text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("prepare-receive", text, StringComparison.Ordinal);
        Assert.DoesNotContain("stopped", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("changed")]
    [InlineData("injected")]
    [InlineData("replayed")]
    public async Task A_command_changed_injected_or_replayed_on_the_way_is_rejected_and_ends_the_session(string attack)
    {
        // Given an on-path attacker that acts on the runner's first command (line 2: after the plain and the sealed hello)
        await using var agent = InProcessAgent.Tcp(Token);
        string? sealedHello = null;
        await using var relay = new LineRelay(agent.Server.TcpEndPoint!, (index, line) =>
        {
            if (index == 1)
                sealedHello = line;
            if (index != 2)
                return [line];
            return attack switch
            {
                "changed" => [Changed(line)],
                "injected" => ["""{"type":"shutdown","id":99}""", line],
                _ => [sealedHello!, line],
            };
        });
        await using var client = await AgentClient.ConnectTcpAsync(relay.EndPoint, Token, TimeSpan.FromSeconds(5), Cancel);

        // When the runner sends a command through it
        var e = await Assert.ThrowsAsync<PerfSuiteException>(() =>
            client.PrepareReceiveAsync(AgentOverUnixSocketTests.LoopbackSpec(TestKind.TcpRr), null, Cancel));

        // Then the agent acted on nothing (no receiver, no shutdown), closed that session, and still serves runners
        Assert.Equal(ErrorReason.Io, e.Reason);
        Assert.Null(agent.Server.Slot.Current);
        Assert.False(agent.Running.IsCompleted);
        await using var direct = await AgentClient.ConnectTcpAsync(agent.Server.TcpEndPoint!, Token, TimeSpan.FromSeconds(5), Cancel);
        Assert.False(await direct.StopAsync(Cancel));
    }

    [Fact]
    public async Task A_runner_does_not_talk_to_an_agent_that_skips_the_challenge()
    {
        // Given something on the agent's address that does not hold the token and answers hello without a challenge
        using var fake = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        fake.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        fake.Listen(1);
        var lines = new List<string>();
        var serving = Task.Run(async () =>
        {
            using var connection = await fake.AcceptAsync(Cancel);
            using var reader = new StreamReader(new NetworkStream(connection), Encoding.UTF8);
            while (await reader.ReadLineAsync(Cancel) is { } line)
            {
                lines.Add(line);
                if (lines.Count == 1)
                    await connection.SendAsync(Encoding.UTF8.GetBytes(
                        "{\"type\":\"hello\",\"id\":1,\"protocol\":" + AgentProtocol.Version + ",\"version\":\"0\",\"hostname\":\"fake\","
                        + "\"pid\":1,\"kernel\":\"x\",\"cpuCount\":1,\"userHz\":100,\"dataAddress\":\"127.0.0.1\",\"limits\":{}}\n"), SocketFlags.None, Cancel);
            }
        }, Cancel);

        // When a runner connects, then it refuses the agent and sends it nothing after its plain hello
        var e = await Assert.ThrowsAsync<PerfSuiteException>(() =>
            AgentClient.ConnectTcpAsync((IPEndPoint)fake.LocalEndPoint!, Token, TimeSpan.FromSeconds(5), Cancel));
        await serving.WaitAsync(TimeSpan.FromSeconds(10), Cancel);
        Assert.Equal(ErrorReason.Protocol, e.Reason);
        Assert.Single(lines);
        Assert.DoesNotContain(Token, lines[0], StringComparison.Ordinal);
    }

    /// <summary>The same line with one base64 character changed: a bit flip an attacker could aim anywhere.</summary>
    private static string Changed(string line)
    {
        var chars = line.ToCharArray();
        var middle = chars.Length / 2;
        chars[middle] = chars[middle] == 'A' ? 'B' : 'A';
        return new string(chars);
    }
}
