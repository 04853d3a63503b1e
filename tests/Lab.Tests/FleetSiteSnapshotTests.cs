using PerfSuite.Lab.Fleet;
using PerfSuite.Lab.State;

namespace PerfSuite.Lab.Tests;

/// <summary>What a fleet agent reports of its NIC under test: the NIC and the devices under it, so that the runner can
/// read the line rate of a VLAN's wire from its parent. This machine's kernel has no 8021q module, so the NIC here is a
/// macvlan, whose parent is found the same way as a VLAN's (IFLA_LINK; TrafficRouteDevicesTests covers VLANs over
/// bonds from link records).</summary>
[Collection(LabCollection.Name)]
public sealed class FleetSiteSnapshotTests
{
    [Fact]
    public async Task A_NIC_under_test_on_a_parent_is_snapshotted_with_it_and_a_plain_one_alone()
    {
        // Given a namespace host whose eth0 (a veth on the switch) has a macvlan eth0m on it
        await using var hosts = new FleetHostNamespaces(1);
        var host = hosts.Hosts[0];
        Shell.Run("ip", "-n", host, "link", "add", "link", FleetHostNamespaces.Nic, "name", "eth0m", "type", "macvlan", "mode", "bridge");
        Shell.Run("ip", "-n", host, "link", "set", "eth0m", "up");
        using var journals = new ScratchDirectory();
        using var labs = new ScratchDirectory();
        var cleaner = new LabCleaner(new LabStateStore(labs.Path));

        // When an agent's site names eth0m as its NIC under test, and another eth0
        await using var macvlanSite = new FleetSite("snap-on", host, "eth0m", new FleetJournalStore(journals.Path), cleaner);
        await using var plainSite = new FleetSite("snap-plain", host, FleetHostNamespaces.Nic, new FleetJournalStore(journals.Path), cleaner);
        var onParent = macvlanSite.Snapshot();
        var plainSnapshot = plainSite.Snapshot();

        // Then the first snapshot holds the macvlan first, then the veth under it; the plain NIC's only itself
        Assert.Equal(["eth0m", "eth0"], onParent.Interfaces.Select(i => i.Name));
        Assert.Equal("macvlan", onParent.Interfaces[0].Kind);
        Assert.Equal("veth", onParent.Interfaces[1].Kind);
        Assert.Equal(host, onParent.Netns);
        Assert.Equal(["eth0"], plainSnapshot.Interfaces.Select(i => i.Name));
    }
}
