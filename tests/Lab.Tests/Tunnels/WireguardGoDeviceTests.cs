using System.Buffers.Binary;
using System.Net;
using PerfSuite.Kernel.Processes;
using PerfSuite.Lab.Tests.Support;
using PerfSuite.Lab.Tunnels;
using PerfSuite.Lab.Tunnels.Wireguard;
using PerfSuite.Model.Errors;

namespace PerfSuite.Lab.Tests.Tunnels;

[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class WireguardGoDeviceTests
{
    private static void RequireWireguardGo()
    {
        ScratchNamespace.RequireRoot();
        Requires.That(ProgramPath.Find(TunnelCapabilities.WireguardGoProgram) is not null,
            "wireguard-go is not on PATH (Debian package wireguard-go)");
    }

    [Fact]
    public async Task Pod_and_tunnel_addresses_reach_each_other_and_the_uapi_reports_the_handshake()
    {
        RequireWireguardGo();
        await using var pair = await WireguardTestPair.StartAsync();

        // When pod A sends to pod B, tunnel address A to tunnel address B, and 1 MiB is echoed over TCP
        using var pods = new DatagramPath(pair.Underlay.A, pair.Underlay.B, WireguardTestPair.PodB);
        var podDatagram = pods.TryDeliver(1000, timeoutMilliseconds: 3000);
        using var tunnelAddresses = new DatagramPath(pair.Underlay.A, pair.Underlay.B, WireguardTestPair.TunnelB, port: 47010);
        var tunnelDatagram = tunnelAddresses.TryDeliver(1000);
        var stream = await StreamExchange.EchoAsync(pair.Underlay.A, pair.Underlay.B, WireguardTestPair.PodB, 1 << 20);

        // Then all arrive, and both sides report a handshake and bytes both ways with the configured peer
        Assert.True(podDatagram);
        Assert.True(tunnelDatagram);
        Assert.True(stream);
        var status = pair.A!.ReadStatus();
        Assert.Equal(pair.KeyA.PublicKeyBase64, status.PublicKey);
        Assert.Equal(WireguardTestPair.Port, status.ListenPort);
        var peer = Assert.Single(status.Peers);
        Assert.Equal(pair.KeyB.PublicKeyBase64, peer.PublicKey);
        Assert.Equal(new IPEndPoint(UnderlayPair.AddressB, WireguardTestPair.Port), peer.Endpoint);
        Assert.Equal(["10.42.2.0/24", "198.19.0.2/32"], peer.AllowedIps.Select(n => n.ToString()).Order());
        Assert.NotNull(peer.LatestHandshake);
        Assert.True(peer.RxBytes > 1 << 20);
        Assert.True(peer.TxBytes > 1 << 20);
        Assert.NotNull(Assert.Single(pair.B!.ReadStatus().Peers).LatestHandshake);
    }

    [Fact]
    public async Task The_wire_carries_udp_to_the_listen_port_sixty_bytes_longer_than_the_inner_packet()
    {
        RequireWireguardGo();
        await using var pair = await WireguardTestPair.StartAsync();
        using var path = new DatagramPath(pair.Underlay.A, pair.Underlay.B, WireguardTestPair.PodB);
        Assert.True(path.TryDeliver(1008, timeoutMilliseconds: 3000)); // handshake done before the capture

        // When a 1008-byte pod packet (a multiple of 16, so WireGuard adds no padding) crosses
        using var capture = new PacketCapture(pair.Underlay.A, UnderlayPair.WireA);
        Assert.True(path.TryDeliver(1008));
        var frames = capture.Stop();

        // Then the wire shows one UDP datagram to B's listen port of 1068 bytes: a transport data message (type 4)
        var ipv4 = frames.Where(f => f.Length >= 42 && BinaryPrimitives.ReadUInt16BigEndian(f.AsSpan(12)) == 0x0800).Select(f => f[14..]).ToList();
        var outer = Assert.Single(ipv4, p => p[9] == 17 && BinaryPrimitives.ReadUInt16BigEndian(p.AsSpan(22)) == WireguardTestPair.Port &&
                                              p.AsSpan(16, 4).SequenceEqual(UnderlayPair.AddressB.GetAddressBytes()));
        Assert.Equal(1068, BinaryPrimitives.ReadUInt16BigEndian(outer.AsSpan(2)));
        Assert.Equal(4, outer[28]);
        Assert.DoesNotContain(ipv4, p => p.AsSpan(16, 4).SequenceEqual(WireguardTestPair.PodB.GetAddressBytes()));
    }

    [Fact]
    public async Task Path_mtu_is_1440_when_the_device_mtu_is_the_underlay_minus_60()
    {
        RequireWireguardGo();
        await using var pair = await WireguardTestPair.StartAsync(mtu: 1440);
        using var path = new DatagramPath(pair.Underlay.A, pair.Underlay.B, WireguardTestPair.PodB);
        Assert.True(path.TryDeliver(1000, timeoutMilliseconds: 3000));

        var observed = path.LargestDelivered(1000, 1600);

        Assert.Equal(1440, observed);
        Assert.Contains("mtu 1440", pair.Underlay.IpA("-o", "link", "show", pair.NameA));
    }

    [Fact]
    public async Task Vxlan_over_the_tunnel_addresses_carries_pod_traffic_at_1390()
    {
        // The stacked vxlan+wireguard path is the lab's to build; this checks the WireGuard pieces carry it.
        RequireWireguardGo();
        await using var pair = await WireguardTestPair.StartAsync(mtu: 1440);
        foreach (var (ip, local, remote, dev, address) in new[]
                 {
                     ((Func<string[], string>)pair.Underlay.IpA, WireguardTestPair.TunnelA, WireguardTestPair.TunnelB, pair.NameA, "10.44.0.1/24"),
                     (pair.Underlay.IpB, WireguardTestPair.TunnelB, WireguardTestPair.TunnelA, pair.NameB, "10.44.0.2/24"),
                 })
        {
            ip(["link", "add", "vx0", "mtu", "1390", "type", "vxlan", "id", "1", "local", $"{local}", "remote", $"{remote}", "dstport", "8472", "dev", dev]);
            ip(["addr", "add", address, "dev", "vx0"]);
            ip(["link", "set", "vx0", "up"]);
        }
        using var path = new DatagramPath(pair.Underlay.A, pair.Underlay.B, IPAddress.Parse("10.44.0.2"));
        Assert.True(path.TryDeliver(1000, timeoutMilliseconds: 3000));

        var observed = path.LargestDelivered(1000, 1600);

        Assert.Equal(1500 - 110, observed);
    }

    [Fact]
    public async Task A_stopped_device_leaves_no_process_socket_or_interface()
    {
        RequireWireguardGo();
        await using var pair = await WireguardTestPair.StartAsync();
        var device = pair.A!;
        Assert.True(File.Exists(device.UapiSocketPath));

        await device.StopAsync();

        Assert.False(ProcessTermination.IsRunning(device.Pid));
        Assert.False(File.Exists(device.UapiSocketPath));
        Assert.False(File.Exists(device.LogPath));
        Assert.DoesNotContain(pair.NameA, pair.Underlay.IpA("-o", "link", "show"));
    }

    [Fact]
    public void The_log_is_created_in_a_root_only_directory_without_following_a_link_planted_at_its_name()
    {
        // Given a link planted where the log of an interface will go, pointing at a file that must not change
        ScratchLab.RequireRoot();
        using var scratch = new ScratchDirectory();
        var victim = scratch.File("victim");
        File.WriteAllText(victim, "precious");
        var ifName = "ps-tlog" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray().AsSpan(0, 2));
        Directory.CreateDirectory(LabPaths.WireguardGoLogDirectory);
        var planted = Path.Combine(LabPaths.WireguardGoLogDirectory, WireguardGoDevice.LogFileName(ifName));
        File.CreateSymbolicLink(planted, victim);
        try
        {
            // When the log is created
            var path = WireguardGoDevice.CreateLog(ifName);

            // Then it is a new, empty, private regular file; the link's target is untouched; the directory is root-only
            Assert.Equal(planted, path);
            Assert.Null(new FileInfo(path).LinkTarget);
            Assert.Equal(0, new FileInfo(path).Length);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            Assert.Equal("precious", File.ReadAllText(victim));
            Assert.Equal(UnixFileMode.None, File.GetUnixFileMode(LabPaths.WireguardGoLogDirectory)
                & (UnixFileMode.GroupWrite | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute | UnixFileMode.GroupExecute));
        }
        finally
        {
            File.Delete(planted);
        }
    }

    [Fact]
    public async Task An_interface_name_in_use_anywhere_on_the_host_is_refused_as_busy()
    {
        RequireWireguardGo();
        await using var pair = await WireguardTestPair.StartAsync();
        using var other = new ScratchNamespace();

        // When another namespace asks for the same interface name
        var e = await Assert.ThrowsAsync<PerfSuiteException>(() => WireguardGoDevice.StartAsync(other.Name, pair.NameA,
            X25519KeyPair.Generate(), 51820, [], cancellationToken: TestContext.Current.CancellationToken));

        // Then it is refused before anything starts, and the running device is untouched
        Assert.Equal(ErrorReason.Busy, e.Reason);
        Assert.Contains("unique", e.Message);
        Assert.Single(pair.A!.ReadStatus().Peers);
        Assert.DoesNotContain(pair.NameA, other.Ip("-o", "link", "show"));
    }

    [Fact]
    public async Task Stale_leftovers_of_a_killed_run_are_removed_by_pid_and_socket()
    {
        RequireWireguardGo();
        await using var pair = await WireguardTestPair.StartAsync();
        var pid = pair.A!.Pid;

        var wrongName = await WireguardGoDevice.RemoveStaleAsync(pair.NameB + "x", pid);
        var removed = await WireguardGoDevice.RemoveStaleAsync(pair.NameA, pid);

        Assert.False(wrongName);
        Assert.True(removed);
        Assert.False(ProcessTermination.IsRunning(pid));
        Assert.False(File.Exists(WireguardUapiClient.SocketPath(pair.NameA)));
    }
}
