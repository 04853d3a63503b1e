using PerfSuite.Kernel.Tests.Fixtures;
using PerfSuite.Model.Probe;

namespace PerfSuite.Kernel.Tests.Ethtool;

public sealed class EthtoolFeatureGroupTests
{
    [Theory]
    [InlineData("tx-tcp-segmentation", "tso")]
    [InlineData("tx-tcp6-segmentation", "tso")]
    [InlineData("tx-tcp-accecn-segmentation", "tso")]
    [InlineData("tx-checksum-ip-generic", "tx")]
    [InlineData("tx-scatter-gather", "sg")]
    [InlineData("tx-scatter-gather-fraglist", "sg")]
    [InlineData("rx-gro", "gro")]
    [InlineData("rx-checksum", "rx")]
    public void Features_belong_to_their_ethtool_group(string feature, string group)
    {
        Assert.Equal(group, EthtoolFeatureGroup.Owning(feature)?.ShortName);
    }

    [Theory]
    [InlineData("rx-gro-hw")]
    [InlineData("rx-gro-list")]
    [InlineData("rx-udp-gro-forwarding")]
    [InlineData("tx-udp_tnl-segmentation")]
    [InlineData("tx-udp_tnl-csum-segmentation")]
    [InlineData("tx-gso-list")]
    [InlineData("tx-tcp-seg")]
    [InlineData("highdma")]
    public void Tunnel_offloads_and_gro_variants_print_under_their_own_names(string feature)
    {
        Assert.Null(EthtoolFeatureGroup.Owning(feature));
    }

    [Fact]
    public void The_star_needs_room_for_both_prefix_and_suffix()
    {
        // "tx-tcp*-segmentation" must not match a name that only overlaps both ends
        var tso = EthtoolFeatureGroup.Named("tso")!;

        Assert.False(tso.Matches("tx-tcp-segmentatio"));
        Assert.True(tso.Matches("tx-tcp-segmentation"));
    }

    [Fact]
    public void Groups_are_found_by_short_and_long_name()
    {
        Assert.Same(EthtoolFeatureGroup.Named("gro"), EthtoolFeatureGroup.Named("generic-receive-offload"));
        Assert.Equal("tx-checksumming", EthtoolFeatureGroup.Named("tx")!.LongName);
        Assert.Null(EthtoolFeatureGroup.Named("rx-gro"));
    }

    [Fact]
    public void Every_group_but_ufo_matches_a_feature_of_the_recorded_kernel()
    {
        var names = RecordedAnswers.FeatureNames;

        foreach (var group in EthtoolFeatureGroup.All.Where(g => g.ShortName != "ufo"))
            Assert.Contains(names, n => group.Matches(n));
        Assert.DoesNotContain(names, n => EthtoolFeatureGroup.Named("ufo")!.Matches(n));
    }
}
