using System.Net;
using PerfSuite.Lab.Tunnels.Ipip;
using PerfSuite.Model.Errors;

namespace PerfSuite.Lab.Tests.Tunnels;

public sealed class IpipRouteTests
{
    [Theory]
    [InlineData("10.42.2.0/24=198.18.0.2", "10.42.2.0/24", "198.18.0.2")]
    [InlineData("0.0.0.0/0=198.18.0.9", "0.0.0.0/0", "198.18.0.9")]
    public void A_route_argument_reads_back_as_written(string text, string network, string remote)
    {
        var route = IpipRoute.TryParse(text);

        Assert.NotNull(route);
        Assert.Equal(IPNetwork.Parse(network), route.Destination);
        Assert.Equal(IPAddress.Parse(remote), route.Remote);
        Assert.Equal(text, route.ToArgument());
    }

    [Theory]
    [InlineData("")]
    [InlineData("10.42.2.0/24")]
    [InlineData("=198.18.0.2")]
    [InlineData("10.42.2.0/24=")]
    [InlineData("10.42.2.0/24=fe80::1")]
    [InlineData("fd00::/64=198.18.0.2")]
    [InlineData("10.42.2.0/33=198.18.0.2")]
    public void A_malformed_route_argument_is_refused(string text) => Assert.Null(IpipRoute.TryParse(text));

    [Fact]
    public void The_peers_are_the_remote_first_then_each_other_route_remote_once()
    {
        var options = new IpipTunnelOptions("ns", "tunl0", IPAddress.Parse("198.18.0.1"), IPAddress.Parse("198.18.0.2"))
        {
            Routes =
            [
                new IpipRoute(IPNetwork.Parse("10.42.2.0/24"), IPAddress.Parse("198.18.0.2")),
                new IpipRoute(IPNetwork.Parse("10.42.3.0/24"), IPAddress.Parse("198.18.0.3")),
                new IpipRoute(IPNetwork.Parse("10.42.4.0/24"), IPAddress.Parse("198.18.0.3")),
            ],
        };

        options.Validate();
        Assert.Equal([IPAddress.Parse("198.18.0.2"), IPAddress.Parse("198.18.0.3")], options.Remotes);
    }

    [Fact]
    public void A_route_to_this_end_itself_is_refused()
    {
        var options = new IpipTunnelOptions("ns", "tunl0", IPAddress.Parse("198.18.0.1"), IPAddress.Parse("198.18.0.2"))
        {
            Routes = [new IpipRoute(IPNetwork.Parse("10.42.3.0/24"), IPAddress.Parse("198.18.0.1"))],
        };

        var refusal = Assert.Throws<PerfSuiteException>(options.Validate);
        Assert.Contains("both 198.18.0.1", refusal.Message);
    }
}
