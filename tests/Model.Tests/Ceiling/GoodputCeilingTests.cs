using PerfSuite.Model.Ceiling;
using PerfSuite.Model.Datapaths;

namespace PerfSuite.Model.Tests.Ceiling;

public sealed class GoodputCeilingTests
{
    [Fact]
    public void Reproduces_RFC6349_figures_at_100_Mbit()
    {
        // Given RFC 6349's assumptions: 40 bytes of TCP/IP headers, MTU 1500
        var inputs = new CeilingInputs(100e6, 1500, GoodputCeiling.Ipv4Tcp);

        // When
        var native = GoodputCeiling.Compute(Datapath.Native, inputs);

        // Then: 8,127 frames/s and 94.9 Mbit/s
        Assert.Equal(8127, Math.Floor(native.FramesPerSecond));
        Assert.Equal(94.9, Math.Round(native.GoodputBps / 1e6, 1));
    }

    [Fact]
    public void Reproduces_RFC6349_frame_rate_at_10_GbE()
    {
        var native = GoodputCeiling.Compute(Datapath.Native, new CeilingInputs(10e9, 1500, GoodputCeiling.Ipv4Tcp));

        Assert.Equal(812_743, Math.Floor(native.FramesPerSecond));
        Assert.Equal(9492.8, Math.Round(native.GoodputBps / 1e6, 1));
    }

    [Theory]
    [InlineData(1500, "native", 9.415)]
    [InlineData(1500, "ipip", 9.285)]
    [InlineData(1500, "vxlan", 9.090)]
    [InlineData(1500, "wireguard", 9.025)]
    [InlineData(1500, "vxlan+wireguard", 8.700)]
    [InlineData(9000, "native", 9.900)]
    [InlineData(9000, "ipip", 9.878)]
    [InlineData(9000, "vxlan", 9.845)]
    [InlineData(9000, "wireguard", 9.834)]
    [InlineData(9000, "vxlan+wireguard", 9.779)]
    public void Matches_methodology_check_values_with_timestamps(int mtu, string path, double expectedGbps)
    {
        var result = GoodputCeiling.Compute(Datapath.Parse(path), new CeilingInputs(10e9, mtu));

        Assert.Equal(expectedGbps, Math.Round(result.GoodputBps / 1e9, 3));
    }

    [Fact]
    public void Wire_tax_alone_matches_the_published_percentages_at_1500()
    {
        var inputs = new CeilingInputs(10e9, 1500);
        var native = GoodputCeiling.Compute(Datapath.Native, inputs).GoodputBps;

        double Tax(Datapath d) => Math.Round((1 - GoodputCeiling.Compute(d, inputs).GoodputBps / native) * 100, 1);

        Assert.Equal(1.4, Tax(Datapath.Ipip));
        Assert.Equal(3.5, Tax(Datapath.Vxlan));
        Assert.Equal(4.1, Tax(Datapath.Wireguard));
    }

    [Fact]
    public void A_vlan_tag_adds_four_wire_bytes()
    {
        var plain = GoodputCeiling.Compute(Datapath.Vxlan, new CeilingInputs(10e9, 1500));
        var tagged = GoodputCeiling.Compute(Datapath.Vxlan, new CeilingInputs(10e9, 1500, VlanTagged: true));

        Assert.Equal(plain.WireBytes + 4, tagged.WireBytes);
        Assert.True(tagged.GoodputBps < plain.GoodputBps);
    }

    [Fact]
    public void An_mtu_that_leaves_no_payload_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => GoodputCeiling.Compute(Datapath.Ipip, new CeilingInputs(10e9, 60)));
    }
}
