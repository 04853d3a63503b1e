using System.Net;
using System.Text.Json;
using PerfSuite.Kernel.Namespaces;
using PerfSuite.Kernel.Processes;
using PerfSuite.Lab.Tests.Support;
using PerfSuite.Lab.Tunnels;
using PerfSuite.Lab.Tunnels.Wireguard;
using PerfSuite.Model.Datapaths;

namespace PerfSuite.Lab.Tests;

/// <summary>
/// ipip, wireguard and vxlan+wireguard where the kernel has neither module: built by the userspace builders (the
/// kernel ones fail over first), checked against ip -j -d, the UAPI, a TCP exchange and tcpdump on both sides of each
/// tunnel, and taken down without leaving a process, a socket or a file.
/// </summary>
[Collection(LabCollection.Name)]
public sealed class TunnelPathBuildTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Ipip_wireguard_and_vxlan_over_wireguard_are_built_in_userspace_verified_and_leave_nothing_when_down()
    {
        // Given a kernel without the modules, and a lab of the three tunnel paths
        RequireUserspaceTunnels();
        var spec = ScratchLab.Spec(Datapath.Ipip, Datapath.Wireguard, Datapath.VxlanWireguard);
        try
        {
            List<int> pids;
            await using (var lab = await LabInstance.UpAsync(spec, Token))
            {
                // Then every path is ready in userspace, verified, at underlay − overhead
                Assert.All(lab.Paths, p => Assert.Equal(LabPathStatus.Ready, p.Status));
                Assert.All(lab.Paths, p => Assert.Equal(DatapathImplementation.Userspace, p.Impl));
                Assert.All(lab.Paths, p => Assert.True(p.Verification!.Passed, string.Join("; ", p.Verification.Failures)));
                Assert.Equal([1480, 1440, 1390], lab.Paths.Select(p => p.Verification!.ObservedPathMtu!.Value));
                Assert.Equal([1480, 1440, 1390], lab.Paths.Select(p => p.PodMtu));
                Assert.Equal([true, true, true], lab.Paths.Select(p => p.Verification!.WireMatches));
                Assert.Equal(["IP protocol 4 between the nodes", "UDP 51820 (WireGuard) between the nodes", "UDP 51820 (WireGuard) between the nodes"],
                    lab.Paths.Select(p => p.Verification!.ExpectedOnWire));

                CheckIpip(lab.Path(Datapath.Ipip));
                CheckWireguard(lab.Name, lab.Path(Datapath.Wireguard));
                CheckVxlanWireguard(lab.Name, lab.Path(Datapath.VxlanWireguard));

                // And the lab's state names every tunnel process, each one living in its node's namespace
                var processes = LabCleaner.Default.Store.Load(spec.Name)!.Processes;
                Assert.Equal(6, processes.Count);
                foreach (var process in processes)
                    Assert.Equal(NamespaceInode(process.Namespace), ProcessNamespaceInode(process.Pid));
                Assert.Equal(6, LabTunnelProcesses.Of(spec.Name).Count);
                Assert.Equal(4, LabTunnelProcesses.UapiSockets(spec.Name).Count);
                pids = processes.Select(p => p.Pid).ToList();
            }

            // When it went down: no process, socket, output file or namespace is left
            Assert.All(pids, pid => Assert.False(ProcessTermination.IsRunning(pid), $"process {pid} still runs"));
            Assert.Empty(LabTunnelProcesses.Of(spec.Name));
            Assert.Empty(LabTunnelProcesses.UapiSockets(spec.Name));
            Assert.Empty(LabTunnelProcesses.WireguardGoLogs(spec.Name));
            Assert.Empty(ScratchLab.Namespaces(spec.Name));
            Assert.False(File.Exists(LabCleaner.Default.Store.PathOf(spec.Name)));
        }
        finally
        {
            ScratchLab.Remove(spec.Name);
        }
    }

    [Fact]
    public async Task At_underlay_mtu_9000_the_tunnels_carry_8980_8940_and_8890()
    {
        RequireUserspaceTunnels();
        var spec = ScratchLab.Spec(Datapath.Ipip, Datapath.Wireguard, Datapath.VxlanWireguard) with { UnderlayMtu = 9000 };
        try
        {
            await using var lab = await LabInstance.UpAsync(spec, Token);

            Assert.All(lab.Paths, p => Assert.True(p.Verification!.Passed, string.Join("; ", p.Verification.Failures)));
            Assert.Equal([8980, 8940, 8890], lab.Paths.Select(p => p.Verification!.ObservedPathMtu!.Value));
            var (ipip, wireguard, stacked) = (lab.Path(Datapath.Ipip), lab.Path(Datapath.Wireguard), lab.Path(Datapath.VxlanWireguard));
            Assert.Equal(8980, Mtu(ipip.Nodes[0].Namespace, "tunl0"));
            Assert.Equal(8980, Mtu(ipip.Client!.Namespace, "eth0"));
            Assert.Equal(8940, Mtu(wireguard.Nodes[0].Namespace, $"ps-{lab.Name}-w1"));
            Assert.Equal(8940, Mtu(stacked.Nodes[0].Namespace, $"ps-{lab.Name}-vw1"));
            Assert.Equal(8890, Mtu(stacked.Nodes[0].Namespace, "flannel.1"));
            Assert.Equal(8890, Mtu(stacked.Client!.Namespace, "eth0"));
        }
        finally
        {
            ScratchLab.Remove(spec.Name);
        }
    }

    [Fact]
    public async Task A_lab_left_behind_is_removed_by_lab_clean_with_its_tunnel_processes()
    {
        // Given a lab whose handle is dropped without being disposed, as a crashed owner would leave it
        RequireUserspaceTunnels();
        var spec = ScratchLab.Spec(Datapath.Ipip, Datapath.Wireguard);
        try
        {
            // (its lock released as the kernel releases a dead process's)
            (await LabInstance.UpAsync(spec, Token)).Abandon();
            Assert.Equal(4, LabTunnelProcesses.Of(spec.Name).Count);

            // When everything not in use by another process is cleaned (perfsuite lab clean)
            var removed = LabCleaner.Default.RemoveUnused();

            // Then its tunnel processes went with it
            Assert.Contains(spec.Name, removed);
            Assert.True(SpinWait.SpinUntil(() => LabTunnelProcesses.Of(spec.Name).Count == 0, 5000),
                string.Join("\n", LabTunnelProcesses.Of(spec.Name)));
            Assert.Empty(LabTunnelProcesses.UapiSockets(spec.Name));
            Assert.Empty(LabTunnelProcesses.WireguardGoLogs(spec.Name));
            Assert.Empty(ScratchLab.Namespaces(spec.Name));
        }
        finally
        {
            ScratchLab.Remove(spec.Name);
        }
    }

    private static void CheckIpip(LabPath path)
    {
        var (a, b) = (path.Nodes[0], path.Nodes[1]);
        foreach (var node in path.Nodes)
        {
            // A TUN device named like Calico's, up, with the node's tunnel address
            var tun = LabOracle.Link(node.Namespace, "tunl0");
            Assert.Equal("tun", tun.GetProperty("linkinfo").GetProperty("info_kind").GetString());
            Assert.Equal(1480, tun.GetProperty("mtu").GetInt32());
            Assert.Contains("UP", Flags(tun));
            AssertAddress(node.Namespace, "tunl0", $"10.42.{node.Number}.0", 32);
        }
        var route = Route(a.Namespace, "10.42.2.0/24");
        Assert.Equal(("198.18.0.2", "tunl0"), (route.GetProperty("gateway").GetString(), route.GetProperty("dev").GetString()));
        Assert.Contains("onlink", route.GetProperty("flags").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal("198.18.0.1", Route(b.Namespace, "10.42.1.0/24").GetProperty("gateway").GetString());
        // On the wire: protocol 4 between the nodes, the pods' packet inside
        var seen = LabOracle.CaptureOne(a.Namespace, "eth0", "ip proto 4 and src host 198.18.0.1 and dst host 198.18.0.2",
            () => Assert.Equal("hello over the lab", LabOracle.TcpEcho(path.Client!, path.Server!)));
        Assert.NotNull(seen);
        Assert.Contains("10.42.1.2", seen);
    }

    private static void CheckWireguard(string lab, LabPath path)
    {
        var (a, b) = (path.Nodes[0], path.Nodes[1]);
        var (deviceA, deviceB) = ($"ps-{lab}-w1", $"ps-{lab}-w2");
        var link = LabOracle.Link(a.Namespace, deviceA);
        Assert.Equal(1440, link.GetProperty("mtu").GetInt32());
        Assert.Contains("UP", Flags(link));
        AssertAddress(a.Namespace, deviceA, "10.42.1.0", 32);
        AssertAddress(b.Namespace, deviceB, "10.42.2.0", 32);
        Assert.Equal(deviceA, Route(a.Namespace, "10.42.2.0/24").GetProperty("dev").GetString());
        Assert.Equal(deviceB, Route(b.Namespace, "10.42.1.0/24").GetProperty("dev").GetString());
        // What each interface was told: the other is its only peer, at its underlay address, for its pod CIDR
        var (statusA, statusB) = (Uapi(deviceA), Uapi(deviceB));
        Assert.Equal(51820, statusA.ListenPort);
        var peer = Assert.Single(statusA.Peers);
        Assert.Equal(statusB.PublicKey, peer.PublicKey);
        Assert.Equal(new IPEndPoint(IPAddress.Parse("198.18.0.2"), 51820), peer.Endpoint);
        Assert.Equal(["10.42.2.0/24"], peer.AllowedIps.Select(n => n.ToString()));
        Assert.Equal(statusA.PublicKey, Assert.Single(statusB.Peers).PublicKey);
        // On the wire: UDP to the WireGuard port, nothing of the pods readable
        var seen = LabOracle.CaptureOne(a.Namespace, "eth0", "udp and dst port 51820 and src host 198.18.0.1 and dst host 198.18.0.2",
            () => Assert.Equal("hello over the lab", LabOracle.TcpEcho(path.Client!, path.Server!)));
        Assert.NotNull(seen);
        Assert.DoesNotContain("10.42.", seen);
        Assert.NotNull(Assert.Single(Uapi(deviceA).Peers).LatestHandshake);
    }

    private static void CheckVxlanWireguard(string lab, LabPath path)
    {
        var (a, b) = (path.Nodes[0], path.Nodes[1]);
        var (deviceA, deviceB) = ($"ps-{lab}-vw1", $"ps-{lab}-vw2");
        Assert.Equal(1440, Mtu(a.Namespace, deviceA));
        AssertAddress(a.Namespace, deviceA, "198.19.0.1", 24);
        AssertAddress(b.Namespace, deviceB, "198.19.0.2", 24);
        // flannel.1's VTEP is the WireGuard address, its underlay the WireGuard device
        var flannel = LabOracle.Link(a.Namespace, "flannel.1");
        var data = flannel.GetProperty("linkinfo").GetProperty("info_data");
        Assert.Equal(1390, flannel.GetProperty("mtu").GetInt32());
        Assert.Equal(("198.19.0.1", deviceA, 8472, 1), (data.GetProperty("local").GetString(), data.GetProperty("link").GetString(),
            data.GetProperty("port").GetInt32(), data.GetProperty("id").GetInt32()));
        Assert.False(data.GetProperty("learning").GetBoolean());
        var peerMac = LabOracle.Link(b.Namespace, "flannel.1").GetProperty("address").GetString();
        var fdb = JsonDocument.Parse(LabOracle.Bridge(a.Namespace, "-j", "fdb", "show", "dev", "flannel.1")).RootElement.EnumerateArray()
            .Single(e => e.GetProperty("mac").GetString() == peerMac);
        Assert.Equal("198.19.0.2", fdb.GetProperty("dst").GetString());
        var route = Route(a.Namespace, "10.42.2.0/24");
        Assert.Equal(("10.42.2.0", "flannel.1"), (route.GetProperty("gateway").GetString(), route.GetProperty("dev").GetString()));
        Assert.Equal(deviceA, Route(a.Namespace, "198.19.0.0/24").GetProperty("dev").GetString());
        // WireGuard carries only the peer's VTEP address
        var peer = Assert.Single(Uapi(deviceA).Peers);
        Assert.Equal(new IPEndPoint(IPAddress.Parse("198.18.0.2"), 51820), peer.Endpoint);
        Assert.Equal(["198.19.0.2/32"], peer.AllowedIps.Select(n => n.ToString()));
        // Inside the tunnel VXLAN between the VTEPs with the pods' packet; on the underlay only WireGuard
        var inside = LabOracle.CaptureOne(a.Namespace, deviceA, "udp and dst port 8472 and src host 198.19.0.1 and dst host 198.19.0.2",
            () => Assert.Equal("hello over the lab", LabOracle.TcpEcho(path.Client!, path.Server!)), "-T", "vxlan");
        Assert.NotNull(inside);
        Assert.Contains("VXLAN", inside);
        Assert.Contains("vni 1", inside);
        Assert.Contains("10.42.1.2", inside);
        var outside = LabOracle.CaptureOne(a.Namespace, "eth0", "udp and dst port 51820 and src host 198.18.0.1 and dst host 198.18.0.2",
            () => Assert.Equal("hello over the lab", LabOracle.TcpEcho(path.Client!, path.Server!)));
        Assert.NotNull(outside);
        Assert.DoesNotContain("10.42.", outside);
        Assert.DoesNotContain("198.19.", outside);
    }

    private static void RequireUserspaceTunnels()
    {
        ScratchLab.RequireRoot();
        HostSkips.UnlessKernelLacks("ipip");
        HostSkips.UnlessKernelLacks("wireguard");
        Requires.That(ProgramPath.Find(TunnelCapabilities.WireguardGoProgram) is not null,
            "wireguard-go is not on PATH (Debian package wireguard-go)");
    }

    private static WireguardDeviceStatus Uapi(string device) => WireguardUapiClient.Get(WireguardUapiClient.SocketPath(device));

    private static int Mtu(string netns, string device) => LabOracle.Link(netns, device).GetProperty("mtu").GetInt32();

    private static IEnumerable<string?> Flags(JsonElement link) => link.GetProperty("flags").EnumerateArray().Select(f => f.GetString());

    private static JsonElement Route(string netns, string destination) =>
        LabOracle.Ip(netns, "route", "show").EnumerateArray().Single(r => r.GetProperty("dst").GetString() == destination);

    private static void AssertAddress(string netns, string device, string address, int prefix)
    {
        var info = LabOracle.Ip(netns, "addr", "show", "dev", device).EnumerateArray().Single().GetProperty("addr_info").EnumerateArray();
        Assert.Contains(info, a => a.GetProperty("local").GetString() == address && a.GetProperty("prefixlen").GetInt32() == prefix);
    }

    private static string NamespaceInode(string netns) => Shell.Run("stat", "-L", "-c", "%i", NetworkNamespace.PathOf(netns)).Trim();

    private static string ProcessNamespaceInode(int pid) =>
        File.ResolveLinkTarget($"/proc/{pid}/ns/net", false)!.ToString().Split('/')[^1].Replace("net:[", "", StringComparison.Ordinal).TrimEnd(']');
}
