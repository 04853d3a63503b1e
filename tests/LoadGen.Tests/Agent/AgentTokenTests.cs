using PerfSuite.LoadGen.Agent;
using PerfSuite.LoadGen.Tests.Support;
using PerfSuite.LoadGen.Traffic;
using PerfSuite.Model.Errors;

namespace PerfSuite.LoadGen.Tests.Agent;

public sealed class AgentTokenTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("wrong")]
    [InlineData("")]
    [InlineData("s3cret-but-longer")]
    public async Task A_wrong_or_missing_token_is_refused(string token)
    {
        // Given a remote-mode agent with token "s3cret"
        await using var agent = InProcessAgent.Tcp("s3cret");

        // When
        var e = await Assert.ThrowsAsync<PerfSuiteException>(() =>
            AgentClient.ConnectTcpAsync(agent.Server.TcpEndPoint!, token, TimeSpan.FromSeconds(5), Cancel));

        // Then
        Assert.Equal(ErrorReason.PermissionDenied, e.Reason);
        Assert.Contains("token", e.Message);
        Assert.False(agent.Running.IsCompleted);
    }

    [Fact]
    public async Task The_right_token_is_accepted_and_data_binds_only_the_listen_address()
    {
        await using var agent = InProcessAgent.Tcp("s3cret");

        await using var client = await AgentClient.ConnectTcpAsync(agent.Server.TcpEndPoint!, "s3cret", TimeSpan.FromSeconds(5), Cancel);
        var prepared = await client.PrepareReceiveAsync(AgentOverUnixSocketTests.LoopbackSpec(TestKind.TcpRr), null, Cancel);
        var elsewhere = await Assert.ThrowsAsync<PerfSuiteException>(() => client.PrepareReceiveAsync(
            AgentOverUnixSocketTests.LoopbackSpec(TestKind.TcpRr), System.Net.IPAddress.Parse("127.0.0.2"), Cancel));

        Assert.Equal("127.0.0.1", client.Info.DataAddress);
        Assert.Equal("127.0.0.1", prepared.Address);
        Assert.Equal(ErrorReason.PermissionDenied, elsewhere.Reason);
        Assert.True(await client.StopAsync(Cancel));
    }

    [Fact]
    public async Task A_remote_agent_without_a_token_cannot_be_started()
    {
        var e = Assert.Throws<PerfSuiteException>(() =>
            AgentServer.ListenTcp(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0), new AgentOptions()));
        Assert.Equal(ErrorReason.InvalidArgument, e.Reason);
        await Task.CompletedTask;
    }
}
