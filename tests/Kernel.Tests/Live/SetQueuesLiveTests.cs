using PerfSuite.Kernel.Ethtool;
using PerfSuite.Kernel.Tests.Fixtures;
using PerfSuite.Model.Errors;

namespace PerfSuite.Kernel.Tests.Live;

/// <summary>SCHANNELS, SRINGPARAM and SCOALESCE against veth devices in a namespace of the test's own, with
/// <c>ethtool -l</c> as the oracle. veth implements channels but neither rings nor coalescing.</summary>
public sealed class SetQueuesLiveTests
{
    private static ScratchNamespace VethPair()
    {
        var ns = new ScratchNamespace();
        ns.Ip("link", "add", "veth0", "type", "veth", "peer", "name", "veth1");
        return ns;
    }

    private static string EthtoolL(ScratchNamespace ns) => Shell.Run("ip", "netns", "exec", ns.Name, "ethtool", "-l", "veth0");

    [Fact]
    public void Channels_are_set_read_back_and_restored_by_writing_back_the_structure_read()
    {
        // Given
        using var ns = VethPair();
        using var client = EthtoolClient.Open(ns.Name);
        var before = client.GetChannels("veth0");
        var ethtoolBefore = EthtoolL(ns);
        Assert.True(before.MaxRx >= 2, $"veth0 should allow two rx queues on this kernel: {before}");

        // When
        var after = client.SetChannels("veth0", before with { Rx = 2, Tx = 2 });

        // Then
        Assert.Equal(before with { Rx = 2, Tx = 2 }, after);
        var current = RecordedAnswers.Section(EthtoolL(ns), "Current hardware settings:");
        Assert.Equal("2", RecordedAnswers.Field(current, "RX"));
        Assert.Equal("2", RecordedAnswers.Field(current, "TX"));

        // And when the structure read first is written back
        var restored = client.SetChannels("veth0", before);
        Assert.Equal(before, restored);
        Assert.Equal(ethtoolBefore, EthtoolL(ns));
    }

    [Fact]
    public void Channels_beyond_the_maximum_are_refused_and_nothing_changes()
    {
        using var ns = VethPair();
        using var client = EthtoolClient.Open(ns.Name);
        var before = client.GetChannels("veth0");

        var error = Assert.Throws<ErrnoException>(() => client.SetChannels("veth0", before with { Rx = before.MaxRx + 1 }));

        Assert.Equal(ErrorReason.InvalidArgument, error.Reason);
        Assert.Contains("ETHTOOL_SCHANNELS on 'veth0'", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, client.GetChannels("veth0"));
    }

    [Fact]
    public void Rings_and_coalescing_on_a_veth_are_reported_as_not_supported()
    {
        using var ns = VethPair();
        using var client = EthtoolClient.Open(ns.Name);
        var rings = new Model.Probe.RingParams(0, 0, 0, 0, 256, 0, 0, 256);
        var coalesce = new Model.Probe.CoalesceParams(0, 0, 0, 0, 0, 0, 0, 0, 0, true, false, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

        Assert.Equal(ErrorReason.NotSupported, Assert.Throws<ErrnoException>(() => client.SetRings("veth0", rings)).Reason);
        Assert.Equal(ErrorReason.NotSupported, Assert.Throws<ErrnoException>(() => client.SetCoalesce("veth0", coalesce)).Reason);
    }
}
