using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using PerfSuite.LoadGen.Tests.Support;

namespace PerfSuite.LoadGen.Tests.Agent;

public sealed class MalformedControlTests
{
    [Fact]
    public async Task Garbage_oversized_and_unknown_messages_get_errors_and_the_agent_keeps_serving()
    {
        // Given an agent and a raw connection to it
        await using var agent = InProcessAgent.Unix();
        using var raw = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await raw.ConnectAsync(new UnixDomainSocketEndPoint(agent.SocketPath), TestContext.Current.CancellationToken);
        await using var stream = new NetworkStream(raw);
        using var reader = new StreamReader(stream, Encoding.UTF8);

        async Task<JsonElement> Send(string line)
        {
            await stream.WriteAsync(Encoding.UTF8.GetBytes(line + "\n"), TestContext.Current.CancellationToken);
            var reply = await reader.ReadLineAsync(TestContext.Current.CancellationToken);
            return JsonDocument.Parse(reply!).RootElement;
        }

        // When / Then: each bad line is answered with an error naming the problem
        var beforeHello = await Send("""{"type":"stop","id":1}""");
        Assert.Equal("error", beforeHello.GetProperty("type").GetString());
        Assert.Equal(1, beforeHello.GetProperty("id").GetInt64());
        Assert.Equal("hello", (await Send("""{"type":"hello","id":2,"protocol":2}""")).GetProperty("type").GetString());
        foreach (var bad in new[]
        {
            "{not json", "[1,2,3]", "null", "42", """{"type":"bogus","id":3}""", """{"id":4}""",
            """{"type":"prepare-receive","id":5}""", """{"type":"prepare-receive","id":6,"spec":{"test":"tcp-tango"}}""",
            """{"type":"run-send","id":7,"spec":{},"peer":"not-an-ip","port":1}""",
            """{"type":"run-send","id":8,"spec":{},"peer":"127.0.0.1","port":70000}""",
            """{"type":"prepare-receive","id":9,"spec":{"streams":0}}""",
            """{"type":"hello","id":10,"protocol":2}""",
            new string('[', 5000), new string('x', 200_000),
        })
        {
            var reply = await Send(bad);
            Assert.Equal("error", reply.GetProperty("type").GetString());
            Assert.False(string.IsNullOrEmpty(reply.GetProperty("message").GetString()));
        }
        Assert.Equal("protocol", (await Send(new string('y', 100_000))).GetProperty("code").GetString());

        // And the same connection and a new client still work
        Assert.Equal("stopped", (await Send("""{"type":"stop","id":11}""")).GetProperty("type").GetString());
        await using var client = await agent.ConnectAsync();
        Assert.False(await client.StopAsync(TestContext.Current.CancellationToken));
        Assert.False(agent.Running.IsCompleted);
    }

    [Fact]
    public async Task A_connection_that_never_says_hello_is_closed_but_the_agent_stays()
    {
        await using var agent = InProcessAgent.Tcp("secret");
        using var raw = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await raw.ConnectAsync(agent.Server.TcpEndPoint!, TestContext.Current.CancellationToken);
        await using var stream = new NetworkStream(raw);
        using var reader = new StreamReader(stream, Encoding.UTF8);

        // When nothing is sent for longer than the hello timeout (2 s here)
        var reply = await reader.ReadLineAsync(TestContext.Current.CancellationToken);
        var end = await reader.ReadLineAsync(TestContext.Current.CancellationToken);

        // Then one error line, then the end of the connection
        Assert.Contains("no hello", reply);
        Assert.Null(end);
        Assert.False(agent.Running.IsCompleted);
    }
}
