using PerfSuite.LoadGen.Traffic;
using PerfSuite.Model.Ceiling;
using PerfSuite.Model.Datapaths;
using PerfSuite.Model.Json;
using PerfSuite.Model.Probe;
using PerfSuite.Model.Results;
using PerfSuite.Runner.Testbeds.Fleet;
using PerfSuite.Runner.Testbeds.Remote;

namespace PerfSuite.Runner.Tests.Remote;

public sealed class WireCeilingTests
{
    [Fact]
    public void A_physical_nic_at_10g_gives_the_methodology_ceiling_for_tcp_stream_only()
    {
        // Given two hosts whose traffic interfaces are 10 GbE NICs with TCP timestamps on
        var a = Host("a", "eth1", Nic("eth1", 10_000));
        var b = Host("b", "ens5f0", Nic("ens5f0", 10_000));

        // When
        var ceiling = WireCeiling.For(a, b, ipv6: false)!;
        var stream = ceiling.Apply(Datapath.Host, 1500, 1500, TestKind.TcpStream, 9.0e9);
        var rr = ceiling.Apply(Datapath.Host, 1500, 1500, TestKind.TcpRr, null);

        // Then methodology §2: H = 52 at 10 GbE and MTU 1500 is 9.415 Gbit/s
        Assert.Equal(10e9, ceiling.LineRate.Bps);
        Assert.False(ceiling.LineRate.VlanTagged);
        Assert.Equal(9.415e9, stream.CeilingBps!.Value, 9.415e9 * 1e-4);
        Assert.Equal(9.0e9 / stream.CeilingBps.Value, stream.Efficiency!.Value, 12);
        Assert.Null(rr.CeilingBps);
        Assert.Null(rr.Efficiency);
    }

    [Fact]
    public void The_slower_side_and_timestamps_off_on_either_side_decide()
    {
        // Given a 25 GbE sender, a 10 GbE receiver, and tcp_timestamps=0 on the receiver
        var a = Host("a", "eth1", Nic("eth1", 25_000));
        var b = Host("b", "eth1", Nic("eth1", 10_000)) with { Sysctls = new Dictionary<string, string> { ["net.ipv4.tcp_timestamps"] = "0" } };

        var ceiling = WireCeiling.For(a, b, ipv6: false)!;
        var cell = ceiling.Apply(Datapath.Host, 1500, 1500, TestKind.TcpStream, 1e9);

        // Then RFC 6349's check value: 10 GbE, H = 40, MTU 1500 is 9,492.8 Mbit/s
        Assert.Equal(10e9, ceiling.LineRate.Bps);
        Assert.Equal(GoodputCeiling.Ipv4Tcp, ceiling.InnerHeaderBytes);
        Assert.Equal(9492.8e6, cell.CeilingBps!.Value, 0.1e6);
    }

    [Fact]
    public void A_vlan_takes_the_speed_of_the_nic_under_it_and_pays_the_tag()
    {
        var a = Host("a", "eth1.100", Vlan("eth1.100"), Nic("eth1", 10_000));
        var b = Host("b", "veth0", Virtual("veth0", "veth", 10_000));

        var ceiling = WireCeiling.For(a, b, ipv6: false)!;

        Assert.True(ceiling.LineRate.VlanTagged);
        Assert.Contains("eth1", ceiling.LineRate.Description);
        Assert.Contains("VLAN eth1.100", ceiling.LineRate.Description);
        var expected = GoodputCeiling.Compute(Datapath.Host, new CeilingInputs(10e9, 1500, VlanTagged: true)).GoodputBps;
        Assert.Equal(expected, ceiling.Apply(Datapath.Host, 1500, 1500, TestKind.TcpStream, 1e9).CeilingBps);
    }

    [Fact]
    public void Veth_bridge_bond_loopback_unknown_speed_and_a_down_link_have_no_line_rate()
    {
        Assert.Null(WireCeiling.For(Host("a", "veth0", Virtual("veth0", "veth", 10_000)), Host("b", "br0", Virtual("br0", "bridge", 10_000)), false));
        Assert.Null(WireLineRate.Of(Host("a", "bond0", Virtual("bond0", "bond", 20_000), Nic("eth0", 10_000), Nic("eth1", 10_000))));
        Assert.Null(WireLineRate.Of(Host("a", "lo", Nic("lo", 10_000))));
        Assert.Null(WireLineRate.Of(Host("a", "eth0", Nic("eth0", uint.MaxValue))));
        Assert.Null(WireLineRate.Of(Host("a", "eth0", Nic("eth0", null))));
        Assert.Null(WireLineRate.Of(Host("a", "eth0", Nic("eth0", 10_000, linkDetected: false))));
        Assert.Null(WireLineRate.Of(Host("a", null, Nic("eth0", 10_000))));
    }

    [Fact]
    public void One_side_with_a_wire_is_enough()
    {
        var ceiling = WireCeiling.For(Host("a", "veth0", Virtual("veth0", "veth", 10_000)), Host("b", "eth0", Nic("eth0", 1_000)), ipv6: true)!;

        Assert.Equal(1e9, ceiling.LineRate.Bps);
        Assert.Equal(GoodputCeiling.Ipv6TcpTimestamps, ceiling.InnerHeaderBytes);
        Assert.Contains("on b", ceiling.LineRate.Description);
    }

    [Fact]
    public void A_fleet_pair_is_capped_by_its_slower_NIC_under_test_with_the_pods_timestamped_IPv4_TCP()
    {
        // Given a host whose NIC under test is a VLAN on a 25 GbE NIC (its agent's snapshot holds both) and one on 10 GbE
        var a = Host("a", "eth1.100", Vlan("eth1.100"), Nic("eth1", 25_000));
        var b = Host("b", "ens5f0", Nic("ens5f0", 10_000));

        // When the fleet reads each NIC's line rate from its snapshot, as FleetAgent does, and caps the pair
        var ceiling = FleetStage.Ceiling(WireLineRate.Of(a.Probe, "eth1.100", "a"), WireLineRate.Of(b.Probe, "ens5f0", "b"))!;
        var vxlan = ceiling.Apply(Datapath.Vxlan, 1500, 1450, TestKind.TcpStream, 8e9);

        // Then the slower side's rate, tagged because one side's frames carry the VLAN, with the timestamped IPv4 TCP header
        // whatever the hosts' own tcp_timestamps (the pods are namespaces of the run, where the kernel starts it at 1)
        Assert.Equal(10e9, ceiling.LineRate.Bps);
        Assert.True(ceiling.LineRate.VlanTagged);
        Assert.Contains("ens5f0 (mlx5_core) on b", ceiling.LineRate.Description);
        Assert.Equal(GoodputCeiling.Ipv4TcpTimestamps, ceiling.InnerHeaderBytes);
        var expected = GoodputCeiling.Compute(Datapath.Vxlan,
            new CeilingInputs(10e9, 1500, GoodputCeiling.Ipv4TcpTimestamps, VlanTagged: true, PodMtuOverride: 1450)).GoodputBps;
        Assert.Equal(expected, vxlan.CeilingBps);
        Assert.Equal(8e9 / expected, vxlan.Efficiency!.Value, 12);
        // And a pair of veths has none; one physical side is enough
        var veth = WireLineRate.Of(Host("c", "eth0", Virtual("eth0", "veth", 10_000)).Probe, "eth0", "c");
        Assert.Null(veth);
        Assert.Null(FleetStage.Ceiling(veth, veth));
        Assert.Equal(25e9, FleetStage.Ceiling(veth, WireLineRate.Of(a.Probe, "eth1", "a"))!.LineRate.Bps);
    }

    private static RunEnvironment Host(string name, string? trafficInterface, params InterfaceSnapshot[] interfaces) => new(
        name, "6.18", "cpu", 2, 1 << 30, "perfsuite test", new Dictionary<string, string> { ["net.ipv4.tcp_timestamps"] = "1" },
        [new ProbeDocument(Schemas.Probe, name, "6.18", null, DateTimeOffset.UnixEpoch, interfaces)], TrafficInterface: trafficInterface);

    private static InterfaceSnapshot Nic(string name, uint? speedMbps, bool linkDetected = true) =>
        Snapshot(name, null, speedMbps, linkDetected);

    private static InterfaceSnapshot Vlan(string name) => Snapshot(name, "vlan", 10_000, true);

    private static InterfaceSnapshot Virtual(string name, string kind, uint speedMbps) => Snapshot(name, kind, speedMbps, true);

    private static InterfaceSnapshot Snapshot(string name, string? kind, uint? speedMbps, bool linkDetected) => new(
        name, 2, kind, 1500, "up", null, "02:00:00:00:00:01", 1, 1,
        kind is null ? new DriverInfo("mlx5_core", "6.18", "", "0000:3b:00.0", "", 0, 0, 0, 0, 0) : null, [],
        new LinkSettings(speedMbps, "full", "fibre", false, 0, "internal", [], [], [], linkDetected),
        null, null, null, null, []);
}
