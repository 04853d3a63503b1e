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
    public void Profiles_name_kernel_features(string profile, string feature, bool wanted)
    {
        Assert.Equal(wanted, OffloadProfiles.Parse(profile).Changes[feature]);
    }

    [Fact]
    public void An_unknown_profile_lists_the_known_ones()
    {
        var e = Assert.Throws<PerfSuiteException>(() => OffloadProfiles.Parse("fast"));
        Assert.Contains("no-gro", e.Message);
    }
}
