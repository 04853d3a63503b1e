using System.Net;
using System.Net.Sockets;
using PerfSuite.LoadGen.Agent;
using PerfSuite.LoadGen.Tests.Support;
using PerfSuite.LoadGen.Traffic;
using PerfSuite.Model.Errors;

namespace PerfSuite.LoadGen.Tests.Agent;

/// <summary>With --allow-send, a remote agent still refuses to aim traffic at its own host, link-local neighbours
/// (unless --allow-send-local), and many hosts at once.</summary>
public sealed class SendTargetTests
{
    private const string Token = "send-target-token-0123";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("127.0.0.1", false, true)]
    [InlineData("127.8.9.10", false, true)]
    [InlineData("::1", false, true)]
    [InlineData("0.0.0.0", false, true)]
    [InlineData("169.254.169.254", false, true)]
    [InlineData("fe80::1", false, true)]
    [InlineData("::ffff:127.0.0.1", false, true)]
    [InlineData("224.0.0.1", true, true)]
    [InlineData("255.255.255.255", true, true)]
    [InlineData("ff02::1", true, true)]
    [InlineData("127.0.0.1", true, false)]
    [InlineData("169.254.1.1", true, false)]
    [InlineData("198.18.0.2", false, false)]
    [InlineData("2001:db8::2", false, false)]
    public void Local_link_local_and_group_targets_are_refused(string target, bool allowLocal, bool refused)
    {
        Assert.Equal(refused, SendTargets.Refusal(IPAddress.Parse(target), allowLocal) is not null);
    }

    [Fact]
    public async Task An_agent_with_allow_send_refuses_its_own_host_unless_allowed_local()
    {
        // Given a remote agent that may send, and one that may also send locally, and something listening on loopback
        await using var strict = InProcessAgent.Tcp(Token, options => options with { AllowSend = true });
        await using var local = InProcessAgent.Tcp(Token, options => options with { AllowSend = true, AllowSendLocal = true });
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(4);
        var target = (IPEndPoint)listener.LocalEndPoint!;
        var spec = AgentOverUnixSocketTests.LoopbackSpec(TestKind.TcpRr);

        // When a runner aims each at loopback
        await using var toStrict = await AgentClient.ConnectTcpAsync(strict.Server.TcpEndPoint!, Token, TimeSpan.FromSeconds(5), Cancel);
        var e = await Assert.ThrowsAsync<PerfSuiteException>(() => toStrict.RunSendAsync(spec, target, Cancel));
        await using var toLocal = await AgentClient.ConnectTcpAsync(local.Server.TcpEndPoint!, Token, TimeSpan.FromSeconds(5), Cancel);
        await toLocal.RunSendAsync(spec, target, Cancel);

        // Then the first refuses and names the option, the second sends
        Assert.Equal(ErrorReason.PermissionDenied, e.Reason);
        Assert.Contains("--allow-send-local", e.Message, StringComparison.Ordinal);
        Assert.Null(strict.Server.Slot.Current);
        Assert.True(await toLocal.StopAsync(Cancel));
    }
}
