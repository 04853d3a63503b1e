using PerfSuite.Kernel.Namespaces;
using PerfSuite.Lab.Tunnels;
using PerfSuite.Model.Datapaths;

namespace PerfSuite.Lab.Tests.Tunnels;

public sealed class TunnelCapabilitiesTests
{
    [Theory]
    [InlineData("ipip")]
    [InlineData("wireguard")]
    [InlineData("bridge")]
    public void Link_kind_probe_agrees_with_ip_link_add(string kind)
    {
        // Given what iproute2 says when asked for a link of that kind
        using var oracle = new ScratchNamespace();
        var (code, _, stderr) = Shell.TryRun("ip", "-n", oracle.Name, "link", "add", "oracle0", "type", kind);

        // When PerfSuite probes the same kind in its own namespace
        using var ns = new ScratchNamespace();
        var capability = KernelLinkKinds.Probe(kind, ns.Name);

        // Then both agree, and a missing module is named as such
        if (code == 0)
        {
            Assert.True(capability.Available);
            Assert.Null(capability.Reason);
        }
        else
        {
            Assert.Contains("Unknown device type", stderr);
            Assert.False(capability.Available);
            Assert.Equal($"the kernel has no '{kind}' module", capability.Reason);
        }
    }

    [Fact]
    public void Probing_an_available_kind_leaves_no_link_behind()
    {
        using var ns = new ScratchNamespace();

        var capability = KernelLinkKinds.Probe("bridge", ns.Name);

        Assert.True(capability.Available);
        Assert.DoesNotContain(KernelLinkKinds.ProbeLinkName, ns.Ip("-o", "link", "show"));
    }

    [Fact]
    public void An_unknown_kind_is_reported_as_a_missing_module()
    {
        using var ns = new ScratchNamespace();

        var capability = KernelLinkKinds.Probe("psnosuchkind", ns.Name);

        Assert.False(capability.Available);
        Assert.Equal("the kernel has no 'psnosuchkind' module", capability.Reason);
    }

    [Fact]
    public void Detect_matches_the_machine_and_removes_its_scratch_namespace()
    {
        ScratchNamespace.RequireRoot();
        var before = NetworkNamespace.List().Where(n => n.StartsWith("ps-cap-", StringComparison.Ordinal)).ToHashSet();

        var capabilities = TunnelCapabilities.Detect();

        // /dev/net/tun and wireguard-go as the shell sees them
        Assert.Equal(File.Exists("/dev/net/tun"), capabilities.TunDevice.Available);
        var (which, whichOut, _) = Shell.TryRun("sh", "-c", "command -v wireguard-go");
        Assert.Equal(which == 0, capabilities.WireguardGo.Available);
        if (which == 0)
            Assert.Equal(whichOut.Trim(), capabilities.WireguardGoPath);
        else
            Assert.Contains("not on PATH", capabilities.WireguardGo.Reason);
        // the kernel kinds as iproute2 sees them
        using var oracle = new ScratchNamespace();
        Assert.Equal(Shell.TryRun("ip", "-n", oracle.Name, "link", "add", "o0", "type", "ipip").Code == 0, capabilities.KernelIpip.Available);
        Assert.Equal(Shell.TryRun("ip", "-n", oracle.Name, "link", "add", "o1", "type", "wireguard").Code == 0, capabilities.KernelWireguard.Available);
        // and the throwaway namespace is gone
        Assert.Empty(NetworkNamespace.List().Where(n => n.StartsWith("ps-cap-", StringComparison.Ordinal)).Except(before));
    }

    [Fact]
    public void Kernel_is_preferred_then_userspace_then_the_reasons_are_given()
    {
        var yes = TunnelCapability.Usable;
        var noIpip = TunnelCapability.Unusable("the kernel has no 'ipip' module");
        var noWg = TunnelCapability.Unusable("the kernel has no 'wireguard' module");
        var noTun = TunnelCapability.Unusable("/dev/net/tun does not exist");
        var noGo = TunnelCapability.Unusable("'wireguard-go' is not on PATH (Debian package wireguard-go)");

        var kernel = new TunnelCapabilities(yes, yes, yes, yes, "/usr/bin/wireguard-go");
        var userspace = new TunnelCapabilities(noIpip, noWg, yes, yes, "/usr/bin/wireguard-go");
        var nothing = new TunnelCapabilities(noIpip, noWg, noTun, noGo, null);
        var noProgram = new TunnelCapabilities(noIpip, noWg, yes, noGo, null);

        Assert.Equal(DatapathImplementation.Kernel, kernel.Ipip.Implementation);
        Assert.Equal(DatapathImplementation.Kernel, kernel.Wireguard.Implementation);
        Assert.Equal(DatapathImplementation.Userspace, userspace.Ipip.Implementation);
        Assert.Equal(DatapathImplementation.Userspace, userspace.Wireguard.Implementation);
        Assert.StartsWith("the kernel has no 'ipip' module;", userspace.Ipip.Reason);
        Assert.False(nothing.Ipip.CanBuild);
        Assert.Equal("the kernel has no 'ipip' module, and /dev/net/tun does not exist", nothing.Ipip.Reason);
        Assert.False(noProgram.Wireguard.CanBuild);
        Assert.Contains("wireguard-go' is not on PATH", noProgram.Wireguard.Reason);
        Assert.Equal(DatapathImplementation.Userspace, noProgram.Ipip.Implementation);
    }
}
