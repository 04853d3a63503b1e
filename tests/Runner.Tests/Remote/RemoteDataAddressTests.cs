using System.Net;
using PerfSuite.LoadGen.Agent;
using PerfSuite.LoadGen.Traffic;
using PerfSuite.Model.Errors;
using PerfSuite.Runner.Testbeds.Remote;

namespace PerfSuite.Runner.Tests.Remote;

/// <summary>An agent's word alone never aims this host's test traffic: only the address the runner reached it on, or
/// one the user named, is sent to.</summary>
public sealed class RemoteDataAddressTests
{
    private static readonly IPAddress Control = IPAddress.Parse("10.0.0.20");

    [Theory]
    [InlineData("10.0.0.20")]
    [InlineData("0.0.0.0")]
    [InlineData("::ffff:10.0.0.20")]
    public void The_address_the_agent_was_reached_on_is_used_as_it_is(string announced)
    {
        Assert.Equal(Control, RemoteEndpointPair.DataAddressOf(Hello(announced), Control, null));
    }

    [Theory]
    [InlineData("192.0.2.99")]
    [InlineData("127.0.0.1")]
    public void Another_announced_address_is_refused_unless_the_user_named_it(string announced)
    {
        var e = Assert.Throws<PerfSuiteException>(() => RemoteEndpointPair.DataAddressOf(Hello(announced), Control, null));

        Assert.Equal(ErrorReason.PermissionDenied, e.Reason);
        Assert.Contains($"--peer-data-address {announced}", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_data_address_the_user_named_is_used_when_the_agent_announces_it()
    {
        var data = IPAddress.Parse("192.0.2.20");

        Assert.Equal(data, RemoteEndpointPair.DataAddressOf(Hello("192.0.2.20"), Control, data));
    }

    [Theory]
    [InlineData("192.0.2.99")]
    [InlineData("10.0.0.20")]
    public void An_agent_that_announces_other_than_the_user_named_is_refused(string announced)
    {
        var e = Assert.Throws<PerfSuiteException>(() =>
            RemoteEndpointPair.DataAddressOf(Hello(announced), Control, IPAddress.Parse("192.0.2.20")));

        Assert.Equal(ErrorReason.InvalidArgument, e.Reason);
        Assert.Contains("192.0.2.20", e.Message, StringComparison.Ordinal);
    }

    private static HelloReply Hello(string dataAddress) => new()
    {
        Protocol = AgentProtocol.Version,
        Version = "0",
        Hostname = "b",
        Pid = 1,
        Kernel = "6",
        CpuCount = 1,
        UserHz = 100,
        DataAddress = dataAddress,
        Limits = TestLimits.Default,
    };
}
