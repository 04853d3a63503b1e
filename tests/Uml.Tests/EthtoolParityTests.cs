using System.Text.Json;
using PerfSuite.Probe.Tests.Support;
using PerfSuite.Uml.Tests.Support;

namespace PerfSuite.Uml.Tests;

/// <summary>The probe's parity with ethtool on a second kernel (UML's 6.1) and on the devices this machine's
/// kernel cannot make: <c>ipip</c> (and the <c>tunl0</c> its module adds to every namespace), <c>geneve</c> and
/// <c>dummy</c>, as created and with features toggled into "[requested on]" states. UML's ethtool answers come from
/// the same kernel code paths as on real hardware of that kernel.</summary>
[Trait(UmlGuest.Trait, UmlGuest.Category)]
public sealed class EthtoolParityTests
{
    [Fact]
    public void Probe_prints_what_ethtool_k_prints_for_ipip_geneve_and_dummy_devices_byte_for_byte_as_created()
    {
        // Given
        UmlGuest.Require();
        using var ns = new TunnelDeviceNamespace();

        // When
        var probe = PerfSuiteCli.Run("probe", "--netns", ns.Name, "--format", "ethtool-k").Succeeded();

        // Then
        Assert.Equal("", probe.Stderr);
        Assert.Equal(ns.EthtoolK(), probe.Stdout);
    }

    [Fact]
    public void Probe_prints_what_ethtool_k_prints_after_features_are_toggled_and_the_devices_are_up()
    {
        // Given: without scatter-gather (dummy0) or a transmit checksum (ipip0, gnv0) the kernel cannot keep TSO, so
        // asking for it leaves the wish recorded but inactive; GSO, GRO and GRO-list switched by hand.
        UmlGuest.Require();
        using var ns = new TunnelDeviceNamespace();
        ns.Ethtool("-K", "dummy0", "sg", "off");
        ns.Ethtool("-K", "ipip0", "gso", "off", "gro", "off", "tx-checksum-ip-generic", "off");
        ns.Ethtool("-K", "gnv0", "tx-checksum-ip-generic", "off", "rx-gro-list", "on");
        foreach (var device in new[] { "dummy0", "ipip0", "gnv0" })
        {
            // ethtool exits 1 here ("Could not change any device features"): the request is recorded, not applied.
            Shell.TryRun("ip", "netns", "exec", ns.Name, "ethtool", "-K", device, "tso", "on");
            ns.Ip("link", "set", device, "up");
        }

        // When
        var probe = PerfSuiteCli.Run("probe", "--netns", ns.Name, "--format", "ethtool-k").Succeeded();

        // Then
        var ethtool = ns.EthtoolK();
        foreach (var device in new[] { "dummy0", "ipip0", "gnv0" })
            Assert.Contains("\ttx-tcp-segmentation: off [requested on]\n", ns.Ethtool("-k", device), StringComparison.Ordinal);
        Assert.Equal(ethtool, probe.Stdout);
    }

    /// <summary>A scratch namespace with <c>ipip0</c>, <c>gnv0</c> (VNI 5) and <c>dummy0</c>, made with ip only.</summary>
    private sealed class TunnelDeviceNamespace : IDisposable
    {
        public TunnelDeviceNamespace()
        {
            Name = "ps-u" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray().AsSpan(0, 3));
            Shell.Run("ip", "netns", "add", Name);
            try
            {
                Ip("link", "add", "ipip0", "type", "ipip", "local", "198.18.0.1", "remote", "198.18.0.2");
                Ip("link", "add", "gnv0", "type", "geneve", "id", "5", "remote", "198.18.0.2");
                Ip("link", "add", "dummy0", "type", "dummy");
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

        /// <summary><c>ethtool -k</c> of every link in ifindex order, blocks separated by an empty line, as the probe
        /// prints them.</summary>
        public string EthtoolK()
        {
            using var links = JsonDocument.Parse(Ip("-j", "link", "show"));
            var names = links.RootElement.EnumerateArray().OrderBy(l => l.GetProperty("ifindex").GetInt32())
                .Select(l => l.GetProperty("ifname").GetString()!).ToList();
            Assert.Contains("tunl0", names);
            return string.Join("\n", names.Select(n => Ethtool("-k", n)));
        }

        public void Dispose() => Shell.TryRun("ip", "netns", "del", Name);
    }
}
