using PerfSuite.Kernel.Ethtool;
using PerfSuite.Model.Errors;
using PerfSuite.Model.Probe;

namespace PerfSuite.Kernel.Tests.Live;

/// <summary>The client against the real kernel in the caller's own namespace, with the real ethtool as oracle.
/// Only reads, so it needs no privilege.</summary>
public sealed class HostEthtoolParityTests
{
    public static TheoryData<string> HostInterfaces => new("lo", "eth0");

    [Theory]
    [MemberData(nameof(HostInterfaces))]
    public void Features_match_ethtool_k_on_the_host(string iface)
    {
        HostSkips.UnlessHostInterface(iface);

        // Given
        using var client = EthtoolClient.Open();

        // When
        var rendered = EthtoolKRenderer.Render(iface, client.GetFeatures(iface).Features);

        // Then
        Assert.Equal(Shell.Run("ethtool", "-k", iface), rendered);
    }

    [Fact]
    public void Driver_info_of_eth0_matches_ethtool_i()
    {
        HostSkips.UnlessHostInterface("eth0");
        using var client = EthtoolClient.Open();

        var info = client.GetDriverInfo("eth0");

        var text = Shell.Run("ethtool", "-i", "eth0");
        Assert.Contains($"driver: {info.Driver}\n", text, StringComparison.Ordinal);
        Assert.Contains($"bus-info: {info.BusInfo}\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Loopback_reports_no_driver_info_and_no_rings()
    {
        using var client = EthtoolClient.Open();

        Assert.Equal(ErrorReason.NotSupported, Assert.ThrowsAny<PerfSuiteException>(() => client.GetDriverInfo("lo")).Reason);
        Assert.Equal(ErrorReason.NotSupported, Assert.ThrowsAny<PerfSuiteException>(() => client.GetRings("lo")).Reason);
        Assert.Equal(ErrorReason.NotSupported, Assert.ThrowsAny<PerfSuiteException>(() => client.GetLinkSettings("lo")).Reason);
    }

    [Fact]
    public void An_unknown_interface_is_not_found_in_the_host_namespace()
    {
        using var client = EthtoolClient.Open();

        var e = Assert.ThrowsAny<PerfSuiteException>(() => client.GetFeatures("ps-nosuch0"));

        Assert.Equal(ErrorReason.NotFound, e.Reason);
        Assert.Equal("no interface 'ps-nosuch0' in network namespace 'host'", e.Message);
    }
}
