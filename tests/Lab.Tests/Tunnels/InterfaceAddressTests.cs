using System.Net;
using PerfSuite.Lab.Tunnels;
using PerfSuite.Lab.Tunnels.Ipip;
using PerfSuite.Model.Errors;

namespace PerfSuite.Lab.Tests.Tunnels;

public sealed class InterfaceAddressTests
{
    [Theory]
    [InlineData("10.42.1.1/24", "10.42.1.1", 24, "10.42.1.0/24")]
    [InlineData("198.19.0.2", "198.19.0.2", 32, "198.19.0.2/32")]
    [InlineData("fd00::1/64", "fd00::1", 64, "fd00::/64")]
    public void Parses_address_and_prefix_and_knows_its_network(string text, string address, int prefix, string network)
    {
        var parsed = InterfaceAddress.Parse(text);

        Assert.Equal(IPAddress.Parse(address), parsed.Address);
        Assert.Equal(prefix, parsed.PrefixLength);
        Assert.Equal(network, parsed.Network.ToString());
    }

    [Theory]
    [InlineData("10.42.1.1/33")]
    [InlineData("10.42.1/24")]
    [InlineData("10.42.1.1/")]
    [InlineData("pod")]
    public void Rejects_what_is_not_an_interface_address(string text)
    {
        var e = Assert.Throws<PerfSuiteException>(() => InterfaceAddress.Parse(text));
        Assert.Equal(ErrorReason.InvalidArgument, e.Reason);
    }

    [Fact]
    public void Ready_line_round_trips_and_ignores_other_lines()
    {
        var line = new IpipReadyLine(4242, "tunl0", 1480, 1500).Format();

        Assert.Equal("ready pid=4242 tun=tunl0 mtu=1480 path-mtu=1500", line);
        Assert.Equal(new IpipReadyLine(4242, "tunl0", 1480, 1500), IpipReadyLine.TryParse(line));
        Assert.Null(IpipReadyLine.TryParse("ready pid=x tun=tunl0 mtu=1480 path-mtu=1500"));
        Assert.Null(IpipReadyLine.TryParse("perfsuite: something failed"));
    }
}
