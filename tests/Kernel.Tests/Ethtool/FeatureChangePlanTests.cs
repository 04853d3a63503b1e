using PerfSuite.Kernel.Ethtool;
using PerfSuite.Model.Errors;
using PerfSuite.Model.Probe;
using static PerfSuite.Kernel.Tests.Fixtures.RecordedAnswers;

namespace PerfSuite.Kernel.Tests.Ethtool;

/// <summary>How a SetFeatures request is expanded into SFEATURES words and how the re-read masks are judged,
/// on masks recorded from real devices.</summary>
public sealed class FeatureChangePlanTests
{
    private static Dictionary<string, bool> Request(params (string Name, bool On)[] changes) =>
        changes.ToDictionary(c => c.Name, c => c.On);

    private static bool Bit(uint[] words, EthtoolFeatureSet set, string name)
    {
        var bit = set.BitOf(name);
        return (words[bit / 32] & (1u << (bit % 32))) != 0;
    }

    /// <summary>The recorded masks with some features' requested/active bits replaced, as the kernel would
    /// answer after a change.</summary>
    private static EthtoolFeatureSet With(EthtoolFeatureSet set, params (string Name, bool Requested, bool Active)[] changes)
    {
        var byName = changes.ToDictionary(c => c.Name);
        var features = set.Features
            .Select(f => byName.TryGetValue(f.Name, out var c) ? f with { Requested = c.Requested, Active = c.Active } : f)
            .ToList();
        return new EthtoolFeatureSet(set.BitNames, features, set.KernelWords);
    }

    [Fact]
    public void A_group_name_expands_to_its_changeable_features_only()
    {
        // Given the virtio NIC, where tso covers four changeable and two fixed features
        var eth0 = Features("eth0");

        // When
        var plan = FeatureChangePlan.Create("eth0", eth0, Request(("tso", false)));

        // Then: the changeable ones are sent as off, the fixed ones not at all
        Assert.True(Bit(plan.Valid, eth0, "tx-tcp-segmentation"));
        Assert.True(Bit(plan.Valid, eth0, "tx-tcp6-segmentation"));
        Assert.True(Bit(plan.Valid, eth0, "tx-tcp-mangleid-segmentation"));
        Assert.False(Bit(plan.Valid, eth0, "tx-tcp-ecn-segmentation"));
        Assert.False(Bit(plan.Valid, eth0, "tx-tcp-accecn-segmentation"));
        Assert.All(plan.Requested, word => Assert.Equal(0u, word));
        Assert.Equal(eth0.KernelWords, plan.Valid.Length);
    }

    [Fact]
    public void The_long_group_name_means_the_same_as_the_short_one()
    {
        var eth0 = Features("eth0");

        var shortName = FeatureChangePlan.Create("eth0", eth0, Request(("gro", true)));
        var longName = FeatureChangePlan.Create("eth0", eth0, Request(("generic-receive-offload", true)));

        Assert.Equal(shortName.Valid, longName.Valid);
        Assert.Equal(shortName.Requested, longName.Requested);
        Assert.True(Bit(shortName.Valid, eth0, "rx-gro"));
        Assert.False(Bit(shortName.Valid, eth0, "rx-gro-hw"));
    }

    [Fact]
    public void A_feature_named_explicitly_wins_over_its_group()
    {
        var eth0 = Features("eth0");

        var plan = FeatureChangePlan.Create("eth0", eth0, Request(("tso", false), ("tx-tcp6-segmentation", true)));

        Assert.True(Bit(plan.Requested, eth0, "tx-tcp6-segmentation"));
        Assert.False(Bit(plan.Requested, eth0, "tx-tcp-segmentation"));
        Assert.True(Bit(plan.Valid, eth0, "tx-tcp-segmentation"));
    }

    [Fact]
    public void A_group_whose_features_are_all_fixed_sends_nothing_and_reports_them_fixed()
    {
        // Given eth0, where rx-lro is off and fixed
        var eth0 = Features("eth0");

        // When
        var plan = FeatureChangePlan.Create("eth0", eth0, Request(("lro", true)));
        var report = plan.Report(eth0, eth0);

        // Then
        Assert.False(plan.HasBitsToSend);
        var change = Assert.Single(report.Changes);
        Assert.Equal(("lro", "rx-lro", FeatureChangeOutcome.Fixed), (change.Requested, change.Feature, change.Outcome));
        Assert.Contains("[fixed]", change.Reason, StringComparison.Ordinal);
        Assert.False(report.AllTookEffect);
    }

    [Fact]
    public void Unknown_names_fail_before_anything_is_sent()
    {
        var eth0 = Features("eth0");

        var e = Assert.Throws<PerfSuiteException>(() => FeatureChangePlan.Create("eth0", eth0, Request(("gro", true), ("turbo", true))));

        Assert.Equal(ErrorReason.InvalidArgument, e.Reason);
        Assert.Contains("'turbo'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_request_sends_nothing_and_reports_nothing()
    {
        var eth0 = Features("eth0");

        var plan = FeatureChangePlan.Create("eth0", eth0, Request());
        var report = plan.Report(eth0, eth0);

        Assert.False(plan.HasBitsToSend);
        Assert.Empty(report.Changes);
        Assert.True(report.AllTookEffect);
    }

    [Fact]
    public void The_ufo_group_matches_nothing_on_a_current_kernel()
    {
        var e = Assert.Throws<PerfSuiteException>(() => FeatureChangePlan.Create("eth0", Features("eth0"), Request(("ufo", true))));

        Assert.Equal(ErrorReason.InvalidArgument, e.Reason);
    }

    [Fact]
    public void A_change_that_took_effect_is_applied_and_its_rollback_restores_the_old_request()
    {
        // Given eth0 with rx-udp-gro-forwarding off
        var before = Features("eth0");
        var plan = FeatureChangePlan.Create("eth0", before, Request(("rx-udp-gro-forwarding", true)));

        // When the kernel answers with it on
        var report = plan.Report(before, With(before, ("rx-udp-gro-forwarding", true, true)));

        // Then
        var change = Assert.Single(report.Changes);
        Assert.Equal(FeatureChangeOutcome.Applied, change.Outcome);
        Assert.True(report.AllTookEffect);
        Assert.Equal(new Dictionary<string, bool> { ["rx-udp-gro-forwarding"] = false }, report.RollbackRequest());
        Assert.Empty(report.SideEffects);
    }

    [Fact]
    public void A_feature_already_in_the_requested_state_is_already_set()
    {
        var eth0 = Features("eth0");

        var report = FeatureChangePlan.Create("eth0", eth0, Request(("rx-gro", true))).Report(eth0, eth0);

        Assert.Equal(FeatureChangeOutcome.AlreadySet, Assert.Single(report.Changes).Outcome);
        Assert.Empty(report.RollbackRequest());
    }

    [Fact]
    public void TSO_wanted_while_scatter_gather_is_off_is_blocked_by_that_dependency()
    {
        // Given veth0 as recorded: sg off, TSO requested on but inactive; the request repeats "TSO on"
        var veth0 = Features("veth0");

        var report = FeatureChangePlan.Create("veth0", veth0, Request(("tx-tcp-segmentation", true))).Report(veth0, veth0);

        var change = Assert.Single(report.Changes);
        Assert.Equal(FeatureChangeOutcome.BlockedByDependency, change.Outcome);
        Assert.Equal("blocked by a dependency: tx-tcp-segmentation needs tx-scatter-gather, which is off", change.Reason);
    }

    [Fact]
    public void Features_that_changed_without_being_named_are_side_effects()
    {
        // Given eth0; sg off takes TSO and GSO down with it
        var before = Features("eth0");
        var after = With(before,
            ("tx-scatter-gather", false, false),
            ("tx-tcp-segmentation", true, false),
            ("tx-generic-segmentation", true, false));

        var report = FeatureChangePlan.Create("eth0", before, Request(("sg", false))).Report(before, after);

        Assert.Equal(FeatureChangeOutcome.Applied, Assert.Single(report.Changes).Outcome);
        Assert.Equal(
            [new FeatureToggle("tx-generic-segmentation", true, false), new FeatureToggle("tx-tcp-segmentation", true, false)],
            report.SideEffects.OrderBy(t => t.Feature, StringComparer.Ordinal));
        Assert.Equal(new Dictionary<string, bool> { ["tx-scatter-gather"] = true }, report.RollbackRequest());
    }

    [Fact]
    public void A_request_the_kernel_did_not_record_is_rejected()
    {
        var before = Features("eth0");

        var report = FeatureChangePlan.Create("eth0", before, Request(("rx-gro-list", true))).Report(before, before);

        Assert.Equal(FeatureChangeOutcome.Rejected, Assert.Single(report.Changes).Outcome);
    }
}
