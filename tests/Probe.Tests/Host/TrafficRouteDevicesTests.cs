using PerfSuite.Kernel.Netlink;
using PerfSuite.Probe.Host;

namespace PerfSuite.Probe.Tests.Host;

public sealed class TrafficRouteDevicesTests
{
    [Fact]
    public void A_vlan_over_a_bond_brings_the_bond_and_its_ports()
    {
        // Given vlan eth-bond.7 on bond0 with ports eth0 and eth1, and an unrelated eth2
        var links = new[]
        {
            Link(2, "eth0", null, master: 4), Link(3, "eth1", null, master: 4), Link(4, "bond0", "bond"),
            Link(5, "bond0.7", "vlan", link: 4), Link(6, "eth2", null),
        };

        var devices = TrafficRoute.Under(links[3], links);

        Assert.Equal(["bond0.7", "bond0", "eth0", "eth1"], devices);
    }

    [Fact]
    public void A_veth_peer_is_the_other_end_of_the_wire_and_is_not_followed()
    {
        var links = new[] { Link(2, "veth0", "veth", link: 3), Link(3, "veth1", "veth", link: 2) };

        Assert.Equal(["veth0"], TrafficRoute.Under(links[0], links));
    }

    [Fact]
    public void A_parent_in_another_namespace_is_not_looked_up_here()
    {
        var links = new[] { Link(2, "eth0", null), Link(7, "mv0", "macvlan", link: 2, linkNetnsId: 0) };

        Assert.Equal(["mv0"], TrafficRoute.Under(links[1], links));
    }

    private static LinkRecord Link(int index, string name, string? kind, int? master = null, int? link = null, int? linkNetnsId = null) =>
        new(index, name, kind, null, LinkRecord.IffUp, 1500, null, null, "up", master, link, linkNetnsId, 1, 1, null, null);
}
