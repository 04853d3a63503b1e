using PerfSuite.Model.Fleet;
using PerfSuite.Model.Results;

namespace PerfSuite.Model.Tests.Fleet;

public sealed class HostSettingsTests
{
    [Fact]
    public void Nic_and_environment_settings_are_named_and_identities_are_left_out()
    {
        var fleet = new SyntheticFleet();
        var host = fleet.Host(0);

        var settings = HostSettings.Of(fleet.Nic(0), host.Environment);

        Assert.Equal("1500", settings["MTU"]);
        Assert.Equal("veth", settings["driver"]);
        Assert.Equal("on", settings["tx-udp_tnl-segmentation"]);
        Assert.Equal("1024", settings["rings.rx"]);
        Assert.Equal("2", settings["channels.combined"]);
        Assert.Equal("cubic", settings["sysctl net.ipv4.tcp_congestion_control"]);
        Assert.Equal("6.18.0", settings["kernel"]);
        Assert.DoesNotContain(settings.Values, v => v.Contains("02:00:00") || v.Contains("0000:0"));
    }

    [Fact]
    public void The_nics_root_qdisc_is_a_setting_where_the_snapshot_recorded_it()
    {
        var fleet = new SyntheticFleet();

        var shaped = HostSettings.Of(fleet.Nic(0) with { Qdisc = "netem" }, null);
        var unrecorded = HostSettings.Of(fleet.Nic(0) with { Qdisc = null }, null);

        Assert.Equal("netem", shaped["qdisc"]);
        Assert.DoesNotContain("qdisc", unrecorded.Keys);
    }

    [Fact]
    public void Only_a_strict_majority_makes_a_difference_and_absent_settings_count()
    {
        IReadOnlyDictionary<string, string> Host(string mtu, string? ring) =>
            ring is null ? new Dictionary<string, string> { ["mtu"] = mtu } : new Dictionary<string, string> { ["mtu"] = mtu, ["rings.rx"] = ring };

        // Given MTU split two against two, and one host of four not reporting rings
        var differences = HostSettings.DifferencesFromMajority([Host("1500", "512"), Host("1500", "512"), Host("9000", "512"), Host("9000", null)]);

        Assert.Empty(differences[0]);
        Assert.Empty(differences[2]);
        Assert.Equal(new SettingDifference("rings.rx", "absent", "512", 3, 4), Assert.Single(differences[3]));
    }
}
