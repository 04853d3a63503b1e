using PerfSuite.Kernel.Tests.Fixtures;
using PerfSuite.Model.Probe;
using static PerfSuite.Kernel.Tests.Fixtures.RecordedAnswers;

namespace PerfSuite.Kernel.Tests.Ethtool;

public sealed class EthtoolKRendererTests
{
    public static TheoryData<string> Devices => new(RecordedAnswers.Devices);

    [Theory]
    [MemberData(nameof(Devices))]
    public void Recorded_masks_render_byte_for_byte_as_ethtool_k_printed_them(string device)
    {
        // Given the GFEATURES answer and the `ethtool -k` output recorded together
        var features = Features(device);

        // When
        var rendered = EthtoolKRenderer.Render(device, features.Features);

        // Then
        Assert.Equal(Text($"{device}.ethtool-k"), rendered);
    }

    [Fact]
    public void Requested_on_appears_where_a_dependency_holds_a_feature_off()
    {
        var rendered = EthtoolKRenderer.Render("veth0", Features("veth0").Features);

        Assert.Contains("\ttx-tcp-segmentation: off [requested on]\n", rendered, StringComparison.Ordinal);
        Assert.Contains("generic-segmentation-offload: off [requested on]\n", rendered, StringComparison.Ordinal);
        Assert.Contains("scatter-gather: off\n", rendered, StringComparison.Ordinal);
    }

    [Fact]
    public void Requested_off_appears_where_a_changeable_feature_stays_on()
    {
        // Given a changeable feature the driver keeps on although it is requested off (no device this machine
        // can make does that, so the state is built by hand)
        var features = new[] { new FeatureState("rx-gro-hw", Available: true, Requested: false, Active: true, NeverChanged: false) };

        var rendered = EthtoolKRenderer.Render("x", features);

        Assert.Contains("\nrx-gro-hw: on [requested off]\n", rendered, StringComparison.Ordinal);
    }

    [Fact]
    public void A_group_with_one_feature_prints_it_under_the_long_name_and_a_group_with_none_prints_off()
    {
        var features = new[]
        {
            new FeatureState("rx-gro", true, true, true, false),
            new FeatureState("rx-gro-hw", true, true, true, false),
        };

        var lines = EthtoolKRenderer.Render("x", features).Split('\n');

        Assert.Contains("generic-receive-offload: on", lines);
        Assert.Contains("rx-checksumming: off", lines);
        Assert.DoesNotContain(lines, l => l.StartsWith("udp-fragmentation-offload", StringComparison.Ordinal));
        Assert.Equal("rx-gro-hw: on", lines[^2]);
    }

    [Fact]
    public void A_never_change_feature_is_fixed_even_when_available()
    {
        var features = new[] { new FeatureState("vlan-challenged", true, true, true, NeverChanged: true) };

        Assert.EndsWith("vlan-challenged: on [fixed]\n", EthtoolKRenderer.Render("x", features), StringComparison.Ordinal);
    }
}
