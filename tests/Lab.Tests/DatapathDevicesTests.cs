using PerfSuite.Kernel.Namespaces;
using PerfSuite.Kernel.Netlink;

namespace PerfSuite.Lab.Tests;

/// <summary>A path's devices — those up when it was first measured — must stay there, up and with their carrier; the
/// watch names the first that does not, and loopback and devices down from the start are not the path's.</summary>
public sealed class DatapathDevicesTests
{
    private const uint Up = LinkRecord.IffUp;

    private static LinkRecord Link(int index, string name, uint flags, string operState, string? kind = "veth") =>
        new(index, name, kind, null, flags, 1500, null, null, operState, null, null, null, 1, 1, null, null);

    private static readonly IReadOnlyList<LinkRecord> Node =
    [
        Link(1, "lo", Up | LinkRecord.IffLoopback, "UNKNOWN", null),
        Link(2, "eth0", Up, "UP"),
        Link(3, "flannel.1", Up, "UNKNOWN", "vxlan"),
        Link(4, "tunl0", 0, "DOWN", "ipip"),
    ];

    [Fact]
    public void The_same_devices_up_break_nothing_and_a_device_down_from_the_start_is_not_the_paths()
    {
        var devices = DatapathDevices.Of([("ps-x-vx-n1", Node)]);

        Assert.Equal(2, devices.Count);
        Assert.Null(devices.Broken("vxlan", _ => Node));
        Assert.Null(devices.Broken("vxlan", _ => Node.Where(l => l.Name != "tunl0").ToList()));
    }

    [Fact]
    public void A_device_gone_set_down_or_without_carrier_is_named_with_its_namespace()
    {
        var devices = DatapathDevices.Of([("ps-x-vx-n1", Node)]);

        Assert.Equal("the vxlan datapath broke: device flannel.1 in ps-x-vx-n1 is gone",
            devices.Broken("vxlan", _ => Node.Where(l => l.Name != "flannel.1").ToList()));
        Assert.Equal("the vxlan datapath broke: device flannel.1 in ps-x-vx-n1 was set down",
            devices.Broken("vxlan", _ => Node.Select(l => l.Name == "flannel.1" ? l with { Flags = 0, OperState = "DOWN" } : l).ToList()));
        Assert.Equal("the vxlan datapath broke: device eth0 in ps-x-vx-n1 lost its carrier (operstate LOWERLAYERDOWN)",
            devices.Broken("vxlan", _ => Node.Select(l => l.Name == "eth0" ? l with { OperState = "LOWERLAYERDOWN" } : l).ToList()));
        Assert.Equal("the vxlan datapath broke: network namespace ps-x-vx-n1 is gone", devices.Broken("vxlan", _ => null));
    }

    [Fact]
    public void A_device_that_had_no_carrier_at_the_start_is_not_judged_by_its_carrier()
    {
        IReadOnlyList<LinkRecord> links = [Link(2, "eth0", Up, "LOWERLAYERDOWN")];
        var devices = DatapathDevices.Of([("ps-x-nat-n1", links)]);

        Assert.Null(devices.Broken("native", _ => links));
        Assert.NotNull(devices.Broken("native", _ => [links[0] with { Flags = 0 }]));
    }

    [Fact]
    public void A_snapshot_of_a_real_namespace_takes_the_devices_up_and_finds_one_deleted_and_the_namespace_removed()
    {
        // Given a namespace with a veth pair up and another left down
        using var ns = new ScratchNamespace();
        ns.Ip("link", "add", "wa", "type", "veth", "peer", "name", "wb");
        ns.Ip("link", "add", "wc", "type", "veth", "peer", "name", "wd");
        ns.Ip("link", "set", "wa", "up");
        ns.Ip("link", "set", "wb", "up");
        var devices = DatapathDevices.Snapshot([ns.Name]);
        Assert.Equal(2, devices.Count);
        Assert.Null(devices.Broken("test"));
        using (var readers = new DatapathDevices.Readers([ns.Name]))
        {
            readers.Poll();
            Assert.Null(devices.Broken("test", readers.Links));
        }

        // When a device that was down goes, nothing is broken; when one that was up goes, it is named
        ns.Ip("link", "del", "wc");
        Assert.Null(devices.Broken("test"));
        ns.Ip("link", "set", "wb", "down");
        var down = devices.Broken("test");
        Assert.Contains(down, new[]
        {
            $"the test datapath broke: device wb in {ns.Name} was set down",
            $"the test datapath broke: device wa in {ns.Name} lost its carrier (operstate LOWERLAYERDOWN)",
        });
        ns.Ip("link", "del", "wa");
        Assert.Matches($"^the test datapath broke: device w[ab] in {ns.Name} is gone$", devices.Broken("test"));

        // And a removed namespace is named
        NetworkNamespace.Delete(ns.Name);
        Assert.Equal($"the test datapath broke: network namespace {ns.Name} is gone", devices.Broken("test"));
    }
}
