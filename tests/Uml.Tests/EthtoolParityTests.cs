using System.Text.Json;
using System.Text.RegularExpressions;
using PerfSuite.Uml.Tests.Support;

namespace PerfSuite.Uml.Tests;

/// <summary>The probe's parity with ethtool on a second kernel (UML's 6.1), on every device kind it can make,
/// including those this machine's kernel cannot: <c>ipip</c> (and the <c>tunl0</c>, <c>gre0</c>, <c>gretap0</c>,
/// <c>erspan0</c> its modules add to every namespace), <c>geneve</c>, <c>dummy</c>, <c>ipvlan</c>, VLAN, bond, VRF,
/// GRE. Compared as created and with features toggled into "[requested on]" states; UML's ethtool answers come from
/// the same kernel code paths as real hardware's on that kernel.</summary>
[Trait(UmlGuest.Trait, UmlGuest.Category)]
public sealed partial class EthtoolParityTests
{
    [Fact]
    public void Probe_prints_what_ethtool_k_prints_for_every_device_kind_byte_for_byte_as_created()
    {
        // Given
        UmlGuest.Require();
        using var zoo = new UmlDeviceZoo();

        // When
        var probe = PerfSuiteCli.Run("probe", "--netns", zoo.Name, "--format", "ethtool-k").Succeeded();

        // Then
        Assert.Equal("", probe.Stderr);
        AssertSameBlocks(zoo.EthtoolK(), probe.Stdout);
    }

    [Fact]
    public void Probe_prints_what_ethtool_k_prints_after_features_are_toggled_and_the_devices_are_up()
    {
        // Given: without scatter-gather (dummy0, veth0) or a transmit checksum (ipip0, gnv0, vxlan0) the kernel cannot
        // keep TSO, so asking for it leaves the wish recorded but inactive; GSO, GRO and GRO-list switched by hand.
        UmlGuest.Require();
        using var zoo = new UmlDeviceZoo();
        zoo.Ethtool("-K", "dummy0", "sg", "off");
        zoo.Ethtool("-K", "veth0", "sg", "off");
        zoo.Ethtool("-K", "ipip0", "gso", "off", "gro", "off", "tx-checksum-ip-generic", "off");
        zoo.Ethtool("-K", "gnv0", "tx-checksum-ip-generic", "off", "rx-gro-list", "on");
        zoo.Ethtool("-K", "vxlan0", "tx-checksum-ip-generic", "off");
        zoo.Ethtool("-K", "veth1", "gro", "on", "rx-udp-gro-forwarding", "on");
        zoo.Ethtool("-K", "br0", "tx-nocache-copy", "on", "rx-gro-list", "on");
        foreach (var device in Toggled)
        {
            // ethtool exits 1 here ("Could not change any device features"): the request is recorded, not applied.
            Shell.TryRun("ip", "netns", "exec", zoo.Name, "ethtool", "-K", device, "tso", "on");
        }
        zoo.UpAll();

        // When
        var probe = PerfSuiteCli.Run("probe", "--netns", zoo.Name, "--format", "ethtool-k").Succeeded();

        // Then
        foreach (var device in Toggled)
            Assert.Contains("\ttx-tcp-segmentation: off [requested on]\n", zoo.Ethtool("-k", device), StringComparison.Ordinal);
        AssertSameBlocks(zoo.EthtoolK(), probe.Stdout);
    }

    private static readonly string[] Toggled = ["dummy0", "veth0", "ipip0", "gnv0", "vxlan0"];

    private static readonly string[] Made =
    [
        "lo", "ipip0", "gnv0", "dummy0", "veth0", "veth1", "br0", "vxlan0", "veth2", "veth3", "macvlan0", "ipvlan0",
        "veth2.10", "bond0", "vrf0", "gre1", "ifb0", "tun0", "tap0",
    ];

    /// <summary>Names the first device whose block differs, then compares the whole text byte for byte.</summary>
    private static void AssertSameBlocks(string ethtool, string probe)
    {
        var expected = Blocks(ethtool);
        var actual = Blocks(probe);
        Assert.Equal(expected.Keys, actual.Keys);
        foreach (var (device, block) in expected)
            Assert.True(block == actual[device], $"{device}: ethtool -k printed\n{block}\nperfsuite probe printed\n{actual[device]}");
        Assert.Equal(ethtool, probe);
    }

    private static Dictionary<string, string> Blocks(string text) =>
        FeaturesHeader().Split(text).Skip(1).Chunk(2).ToDictionary(pair => pair[0], pair => pair[1]);

    [GeneratedRegex(@"^Features for (\S+):$", RegexOptions.Multiline)]
    private static partial Regex FeaturesHeader();

    /// <summary>A scratch namespace with one device of every kind UML's kernel makes, created with ip only (so
    /// PerfSuite is compared with independent tools) and deleted on dispose, even when creating it failed halfway.</summary>
    private sealed class UmlDeviceZoo : IDisposable
    {
        public UmlDeviceZoo()
        {
            Name = "ps-u" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray().AsSpan(0, 3));
            Shell.Run("ip", "netns", "add", Name);
            try
            {
                Ip("link", "add", "ipip0", "type", "ipip", "local", "198.18.0.1", "remote", "198.18.0.2");
                Ip("link", "add", "gnv0", "type", "geneve", "id", "5", "remote", "198.18.0.2");
                Ip("link", "add", "dummy0", "type", "dummy");
                Ip("link", "add", "veth0", "type", "veth", "peer", "name", "veth1");
                Ip("link", "add", "br0", "type", "bridge");
                Ip("link", "set", "veth1", "master", "br0");
                Ip("link", "add", "vxlan0", "type", "vxlan", "id", "42", "dstport", "8472", "nolearning");
                Ip("link", "add", "veth2", "type", "veth", "peer", "name", "veth3");
                Ip("link", "add", "macvlan0", "link", "veth2", "type", "macvlan");
                Ip("link", "add", "ipvlan0", "link", "veth3", "type", "ipvlan", "mode", "l2");
                Ip("link", "add", "link", "veth2", "name", "veth2.10", "type", "vlan", "id", "10");
                Ip("link", "add", "bond0", "type", "bond");
                Ip("link", "add", "vrf0", "type", "vrf", "table", "10");
                Ip("link", "add", "gre1", "type", "gre", "local", "198.18.0.1", "remote", "198.18.0.2");
                Ip("link", "add", "ifb0", "type", "ifb");
                Ip("tuntap", "add", "tun0", "mode", "tun");
                Ip("tuntap", "add", "tap0", "mode", "tap");
            }
            catch
            {
                Dispose();
                throw;
            }
        }

        public string Name { get; }

        public string Ip(params string[] args) => Shell.Run("ip", ["-n", Name, .. args]);

        public string Ethtool(params string[] args) => Shell.Run("ip", ["netns", "exec", Name, "ethtool", .. args]);

        /// <summary>Sets every device made here up (the fallback devices the tunnel modules add stay as they are:
        /// gretap0 and erspan0 refuse, having no address).</summary>
        public void UpAll()
        {
            foreach (var name in Made)
                Ip("link", "set", name, "up");
        }

        /// <summary><c>ethtool -k</c> of every link in ifindex order, blocks separated by an empty line, as the probe
        /// prints them.</summary>
        public string EthtoolK()
        {
            var names = LinkNames();
            Assert.Contains("tunl0", names);
            return string.Join("\n", names.Select(n => Ethtool("-k", n)));
        }

        private List<string> LinkNames()
        {
            using var links = JsonDocument.Parse(Ip("-j", "link", "show"));
            return links.RootElement.EnumerateArray().OrderBy(l => l.GetProperty("ifindex").GetInt32())
                .Select(l => l.GetProperty("ifname").GetString()!).ToList();
        }

        public void Dispose() => Shell.TryRun("ip", "netns", "del", Name);
    }
}
