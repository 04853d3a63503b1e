using PerfSuite.Lab.Offloads;
using PerfSuite.Model.Errors;

namespace PerfSuite.Lab.Tests;

public sealed class OffloadProfilesTests
{
    [Fact]
    public void The_default_profile_changes_nothing_and_every_other_changes_something()
    {
        Assert.False(OffloadProfiles.Default.ChangesAnything);
        Assert.All(OffloadProfiles.All.Where(p => p != OffloadProfiles.Default), p => Assert.True(p.ChangesAnything));
        Assert.Equal(OffloadProfiles.All.Count, OffloadProfiles.All.Select(p => p.Name).Distinct().Count());
    }

    [Theory]
    [InlineData("no-gro", "rx-gro", false)]
    [InlineData("no-tx-csum", "tx-checksum-ip-generic", false)]
    [InlineData("no-tnl-seg", "tx-udp_tnl-segmentation", false)]
    [InlineData("gro-fwd", "rx-udp-gro-forwarding", true)]
    [InlineData("no-gro-hw", "rx-gro-hw", false)]
    [InlineData("lro", "rx-lro", true)]
    [InlineData("no-tnl-port", "rx-udp_tunnel-port-offload", false)]
    public void Profiles_name_kernel_features(string profile, string feature, bool wanted)
    {
        Assert.Equal(wanted, OffloadProfiles.Parse(profile).Changes[feature]);
    }

    [Fact]
    public void A_hardware_profile_is_unmet_where_its_feature_is_fixed_even_in_the_state_asked_for_and_others_only_where_it_did_not_take()
    {
        // Given a veth's answer: rx-gro-hw already off, but fixed; rx-gro switched off
        var fixedOff = new OffloadApplication("ps-x-nat-n1", "eth0", [new("rx-gro-hw", false, false, true, null, Fixed: true)], []);
        var changed = new OffloadApplication("ps-x-nat-n1", "eth0", [new("rx-gro", false, false, true, null)], []);
        var refused = new OffloadApplication("ps-x-nat-n1", "eth0", [new("rx-lro", true, false, false, "not changeable on this device [fixed]", Fixed: true)], []);

        // Then the hardware profile cannot be measured there, and says why; a software profile can
        Assert.Equal(["rx-gro-hw is fixed off on eth0 (not implemented there: the profile would change nothing)"],
            OffloadProfiles.NoHardwareGro.Unmet(fixedOff));
        Assert.Empty(OffloadProfiles.NoGro.Unmet(changed));
        Assert.Equal(["eth0 cannot set rx-lro on (not changeable on this device [fixed])"], OffloadProfiles.Lro.Unmet(refused));
        Assert.Equal(["eth0 cannot set rx-lro on (not changeable on this device [fixed])"], OffloadProfiles.GroList.Unmet(refused));
        Assert.True(OffloadProfiles.All.Where(p => p.NeedsHardware).Select(p => p.Name).SequenceEqual(["no-gro-hw", "lro", "no-tnl-port"]));
    }

    [Fact]
    public void An_unknown_profile_lists_the_known_ones()
    {
        var e = Assert.Throws<PerfSuiteException>(() => OffloadProfiles.Parse("fast"));
        Assert.Contains("no-gro", e.Message);
    }
}
