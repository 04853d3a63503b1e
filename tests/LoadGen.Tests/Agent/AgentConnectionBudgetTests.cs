using System.Net.Sockets;
using System.Text;
using PerfSuite.LoadGen.Agent;
using PerfSuite.LoadGen.Tests.Support;
using PerfSuite.Model.Errors;

namespace PerfSuite.LoadGen.Tests.Agent;

/// <summary>Connections that never authenticate, or never read, must not lock runners out of a remote agent.</summary>
public sealed class AgentConnectionBudgetTests
{
    private const string Token = "budget-test-token-0123";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Idle_connections_that_never_say_hello_do_not_keep_a_runner_out()
    {
        // Given many more idle, unauthenticated connections than the agent serves at once
        await using var agent = InProcessAgent.Tcp(Token);
        var squatters = new List<Socket>();
        try
        {
            for (var i = 0; i < 40; i++)
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
                await socket.ConnectAsync(agent.Server.TcpEndPoint!, Cancel);
                squatters.Add(socket);
            }

            // When a runner with the token connects (well before any squatter's hello deadline of 10 s)
            await using var runner = await AgentClient.ConnectTcpAsync(agent.Server.TcpEndPoint!, Token, TimeSpan.FromSeconds(5), Cancel);

            // Then it is served
            Assert.Equal(ProcessIdOf(runner), Environment.ProcessId);
        }
        finally
        {
            foreach (var socket in squatters)
                socket.Dispose();
        }
    }

    [Fact]
    public async Task Authenticated_sessions_have_their_own_limit_and_the_next_one_is_told_it_is_busy()
    {
        await using var agent = InProcessAgent.Tcp(Token);
        var sessions = new List<AgentClient>();
        try
        {
            for (var i = 0; i < new AgentOptions().MaxConnections; i++)
                sessions.Add(await AgentClient.ConnectTcpAsync(agent.Server.TcpEndPoint!, Token, TimeSpan.FromSeconds(5), Cancel));

            var e = await Assert.ThrowsAsync<PerfSuiteException>(() =>
                AgentClient.ConnectTcpAsync(agent.Server.TcpEndPoint!, Token, TimeSpan.FromSeconds(5), Cancel));

            Assert.Equal(ErrorReason.Busy, e.Reason);
            Assert.Contains("too many control connections", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            foreach (var session in sessions)
                await session.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_peer_that_floods_and_never_reads_is_disconnected()
    {
        // Given a connection that sends bad lines as fast as it can and reads none of the error replies
        await using var agent = InProcessAgent.Tcp(Token);
        using var flooder = new Socket(SocketType.Stream, ProtocolType.Tcp);
        flooder.ReceiveBufferSize = 4096;
        await flooder.ConnectAsync(agent.Server.TcpEndPoint!, Cancel);
        var line = Encoding.ASCII.GetBytes(new string('x', 200) + "\n");

        // When it keeps sending, then the agent closes it (its replies hit the write deadline) instead of blocking
        var closed = false;
        var until = DateTime.UtcNow.AddSeconds(90);
        while (!closed && DateTime.UtcNow < until)
        {
            try
            {
                using var step = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
                step.CancelAfter(TimeSpan.FromSeconds(1));
                await flooder.SendAsync(line, SocketFlags.None, step.Token);
            }
            catch (OperationCanceledException) when (!Cancel.IsCancellationRequested)
            {
                // The agent stopped reading (it is stuck writing replies) or is about to close: keep trying.
            }
            catch (SocketException)
            {
                closed = true;
            }
        }
        Assert.True(closed, "the agent never closed a connection that does not read");
    }

    [Fact]
    public async Task An_authenticated_session_that_goes_silent_is_closed_and_frees_its_slot()
    {
        // Given an agent that serves one authenticated session and closes a silent one after 1 s
        await using var agent = InProcessAgent.Tcp(Token, options => options with { MaxConnections = 1, SessionIdleTimeout = TimeSpan.FromSeconds(1) });
        await using var silent = await AgentClient.ConnectTcpAsync(agent.Server.TcpEndPoint!, Token, TimeSpan.FromSeconds(5), Cancel);

        // When it sends nothing for longer than that
        await Task.Delay(TimeSpan.FromSeconds(3), Cancel);

        // Then its connection is gone and another runner gets the slot
        var e = await Assert.ThrowsAsync<PerfSuiteException>(() => silent.StopAsync(Cancel));
        Assert.Equal(ErrorReason.Io, e.Reason);
        await using var next = await AgentClient.ConnectTcpAsync(agent.Server.TcpEndPoint!, Token, TimeSpan.FromSeconds(5), Cancel);
        Assert.False(await next.StopAsync(Cancel));
    }

    [Fact]
    public async Task A_session_waiting_for_a_reply_is_not_idle()
    {
        // Given the same 1 s idle limit
        await using var agent = InProcessAgent.Tcp(Token, options => options with { SessionIdleTimeout = TimeSpan.FromSeconds(1) });
        await using var runner = await AgentClient.ConnectTcpAsync(agent.Server.TcpEndPoint!, Token, TimeSpan.FromSeconds(5), Cancel);

        // When its only request waits 3 s for its reply (an idle CPU sample), then the reply still comes
        var cpu = await runner.SampleCpuAsync(TimeSpan.FromSeconds(3), Cancel);
        Assert.True(cpu.Host.WindowSeconds > 2);
        Assert.False(await runner.StopAsync(Cancel));
    }

    private static int ProcessIdOf(AgentClient client) => client.Info.Pid;
}
