using PerfSuite.Model.Errors;
using PerfSuite.Runner.Testbeds.Remote;

namespace PerfSuite.Runner.Tests.Remote;

public sealed class RemotePeerTests
{
    [Theory]
    [InlineData("198.18.0.2:7400", "198.18.0.2", 7400, "198.18.0.2:7400")]
    [InlineData("[fd00::2]:7400", "fd00::2", 7400, "[fd00::2]:7400")]
    [InlineData("node-b.example:65535", "node-b.example", 65535, "node-b.example:65535")]
    [InlineData("localhost:1", "localhost", 1, "localhost:1")]
    public void Host_and_port_are_read_from_every_form(string text, string host, int port, string shown)
    {
        var peer = RemotePeer.Parse(text, "t", null);

        Assert.Equal(host, peer.Host);
        Assert.Equal(port, peer.Port);
        Assert.Equal(shown, peer.ToString());
        Assert.Equal(RemotePeer.DefaultConnectTimeout, peer.ConnectTimeout);
    }

    [Theory]
    [InlineData("198.18.0.2")]
    [InlineData("198.18.0.2:0")]
    [InlineData("198.18.0.2:70000")]
    [InlineData("fd00::2:7400")]
    [InlineData("node b:7400")]
    [InlineData(":7400")]
    [InlineData("node-b:")]
    [InlineData("node-b:-1")]
    public void Anything_else_is_refused_with_the_expected_form(string text)
    {
        var e = Assert.Throws<PerfSuiteException>(() => RemotePeer.Parse(text, "t", null));

        Assert.Equal(ErrorReason.InvalidArgument, e.Reason);
        Assert.Contains("HOST:PORT", e.Message);
    }

    [Fact]
    public async Task A_literal_address_is_used_without_asking_any_resolver()
    {
        var endPoint = await RemotePeer.Parse("198.18.0.2:7400", "t", null).ResolveAsync(TestContext.Current.CancellationToken);

        Assert.Equal("198.18.0.2:7400", endPoint.ToString());
    }
}
