using System.Net;
using System.Text.Json;
using PerfSuite.Model.Errors;
using PerfSuite.Probe.Host;

namespace PerfSuite.Probe.Tests.Host;

public sealed class TrafficRouteTests
{
    [Fact]
    public void The_route_to_the_peer_names_the_interface_and_source_ip_route_get_names()
    {
        // Given two namespaces joined by veth
        using var hosts = new VethNamespaces();

        // When
        var route = TrafficRoute.To(VethNamespaces.AddressB, hosts.A);

        // Then it agrees with `ip route get`
        var oracle = JsonDocument.Parse(VethNamespaces.Ip("-j", "-n", hosts.A, "route", "get", VethNamespaces.AddressB.ToString()))
            .RootElement[0];
        Assert.Equal(oracle.GetProperty("dev").GetString(), route.Interface);
        Assert.Equal(IPAddress.Parse(oracle.GetProperty("prefsrc").GetString()!), route.Source);
        Assert.Equal("veth0", route.Interface);
        Assert.Equal(1500, route.Mtu);
        Assert.Equal(["veth0"], route.Devices);
    }

    [Fact]
    public void A_route_with_a_smaller_mtu_over_a_bridge_gives_that_mtu_and_the_bridge_with_its_port()
    {
        // Given A's veth as the port of bridge br0, which holds A's address, and a route through it with mtu 1400
        using var hosts = new VethNamespaces();
        VethNamespaces.Ip("-n", hosts.A, "link", "add", "br0", "type", "bridge");
        VethNamespaces.Ip("-n", hosts.A, "addr", "del", "198.18.0.1/30", "dev", "veth0");
        VethNamespaces.Ip("-n", hosts.A, "link", "set", "veth0", "master", "br0");
        VethNamespaces.Ip("-n", hosts.A, "addr", "add", "198.18.0.1/30", "dev", "br0");
        VethNamespaces.Ip("-n", hosts.A, "link", "set", "br0", "up");
        VethNamespaces.Ip("-n", hosts.A, "route", "add", "198.18.2.0/24", "via", "198.18.0.2", "mtu", "1400");

        // When
        var route = TrafficRoute.To(IPAddress.Parse("198.18.2.5"), hosts.A);

        // Then
        Assert.Equal("br0", route.Interface);
        Assert.Equal(1400, route.Mtu);
        Assert.Equal(VethNamespaces.AddressA, route.Source);
        Assert.Equal(["br0", "veth0"], route.Devices);
    }

    [Fact]
    public void No_route_to_the_peer_is_an_error_with_the_kernels_reason()
    {
        using var hosts = new VethNamespaces();

        var e = Assert.ThrowsAny<PerfSuiteException>(() => TrafficRoute.To(IPAddress.Parse("198.18.9.9"), hosts.A));

        Assert.Contains("198.18.9.9", e.Message);
        Assert.Contains("unreachable", e.Message, StringComparison.OrdinalIgnoreCase);
    }
}
