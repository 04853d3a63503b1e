using PerfSuite.Kernel.Ethtool;
using PerfSuite.Kernel.Tests.Interop;
using PerfSuite.Model.Errors;
using PerfSuite.Model.Probe;

namespace PerfSuite.Kernel.Tests.Live;

/// <summary>SetFeatures against real veth devices in a namespace of the test's own, with ethtool as the oracle
/// for what the kernel then holds.</summary>
public sealed class SetFeaturesLiveTests
{
    private static ScratchNamespace VethPair()
    {
        var ns = new ScratchNamespace();
        ns.Ip("link", "add", "veth0", "type", "veth", "peer", "name", "veth1");
        return ns;
    }

    private static string EthtoolK(ScratchNamespace ns, string device) =>
        Shell.Run("ip", "netns", "exec", ns.Name, "ethtool", "-k", device);

    [Fact]
    public void A_changeable_feature_is_applied_and_the_kernel_holds_it()
    {
        // Given
        using var ns = VethPair();
        using var client = EthtoolClient.Open(ns.Name);

        // When
        var report = client.SetFeatures("veth0", new Dictionary<string, bool> { ["rx-udp-gro-forwarding"] = true });

        // Then
        var change = Assert.Single(report.Changes);
        Assert.Equal(FeatureChangeOutcome.Applied, change.Outcome);
        Assert.True(change.ActiveAfter);
        Assert.Contains("\nrx-udp-gro-forwarding: on\n", EthtoolK(ns, "veth0"), StringComparison.Ordinal);
        Assert.Equal(EthtoolK(ns, "veth0"), EthtoolKRenderer.Render("veth0", report.After));
    }

    [Fact]
    public void A_fixed_feature_is_reported_fixed_and_nothing_changes()
    {
        using var ns = VethPair();
        using var client = EthtoolClient.Open(ns.Name);
        var before = EthtoolK(ns, "veth0");

        // When: veth has no hardware GRO
        var report = client.SetFeatures("veth0", new Dictionary<string, bool> { ["rx-gro-hw"] = true });

        // Then
        var change = Assert.Single(report.Changes);
        Assert.Equal(FeatureChangeOutcome.Fixed, change.Outcome);
        Assert.Equal("not changeable on this device [fixed]", change.Reason);
        Assert.Equal(before, EthtoolK(ns, "veth0"));
    }

    [Fact]
    public void TSO_without_scatter_gather_is_blocked_by_that_dependency()
    {
        // Given scatter-gather off, which takes TSO down with it
        using var ns = VethPair();
        using var client = EthtoolClient.Open(ns.Name);
        var sgOff = client.SetFeatures("veth0", new Dictionary<string, bool> { ["sg"] = false });
        Assert.Contains(sgOff.SideEffects, t => t is { Feature: "tx-tcp-segmentation", Before: true, After: false });

        // When
        var report = client.SetFeatures("veth0", new Dictionary<string, bool> { ["tx-tcp-segmentation"] = true });

        // Then: the wish is recorded, the feature stays off, and the reason names scatter-gather
        var change = Assert.Single(report.Changes);
        Assert.Equal(FeatureChangeOutcome.BlockedByDependency, change.Outcome);
        Assert.Equal("blocked by a dependency: tx-tcp-segmentation needs tx-scatter-gather, which is off", change.Reason);
        Assert.Contains("\ttx-tcp-segmentation: off [requested on]\n", EthtoolK(ns, "veth0"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_group_name_changes_every_changeable_feature_like_ethtool_K()
    {
        // Given two identical veths, one changed by ethtool -K, one by SetFeatures
        using var ns = VethPair();
        using var client = EthtoolClient.Open(ns.Name);
        Shell.Run("ip", "netns", "exec", ns.Name, "ethtool", "-K", "veth1", "tso", "off", "tx-checksumming", "off");

        // When
        var report = client.SetFeatures("veth0", new Dictionary<string, bool> { ["tso"] = false, ["tx-checksumming"] = false });

        // Then
        Assert.All(report.Changes, c => Assert.True(c.TookEffect, $"{c.Feature}: {c.Outcome} {c.Reason}"));
        Assert.Equal(EthtoolK(ns, "veth1").Replace("veth1", "veth0", StringComparison.Ordinal), EthtoolK(ns, "veth0"));
    }

    [Fact]
    public void Rolling_back_restores_the_previous_state()
    {
        using var ns = VethPair();
        using var client = EthtoolClient.Open(ns.Name);
        var original = EthtoolK(ns, "veth0");

        var report = client.SetFeatures("veth0", new Dictionary<string, bool> { ["sg"] = false, ["gro"] = true });
        client.SetFeatures("veth0", report.RollbackRequest());

        Assert.Equal(original, EthtoolK(ns, "veth0"));
    }

    [Fact]
    public void Without_CAP_NET_ADMIN_setting_fails_and_says_so_while_reading_works()
    {
        // Given a client in a namespace, used from a thread that dropped CAP_NET_ADMIN
        using var ns = VethPair();
        using var client = EthtoolClient.Open(ns.Name);

        // When
        var (features, error) = ThreadCapabilities.RunWithout(ThreadCapabilities.CAP_NET_ADMIN, () =>
        {
            var read = client.GetFeatures("veth0");
            var e = Record.Exception(() => client.SetFeatures("veth0", new Dictionary<string, bool> { ["gro"] = true }));
            return (read, e);
        });

        // Then
        Assert.NotEmpty(features.Features);
        var denied = Assert.IsAssignableFrom<PerfSuiteException>(error);
        Assert.Equal(ErrorReason.PermissionDenied, denied.Reason);
        Assert.Contains("CAP_NET_ADMIN", denied.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_client_reads_the_namespace_it_was_opened_in()
    {
        using var ns = VethPair();
        using var client = EthtoolClient.Open(ns.Name);

        Assert.Equal(EthtoolK(ns, "veth1"), EthtoolKRenderer.Render("veth1", client.GetFeatures("veth1").Features));
        var e = Assert.ThrowsAny<PerfSuiteException>(() => client.GetFeatures("eth0"));
        Assert.Equal($"no interface 'eth0' in network namespace '{ns.Name}'", e.Message);
    }
}
