namespace PerfSuite.Tune.Rules;

/// <summary>Every rule, in the order findings are reported and applied: MTU changes that shrink come before those
/// that grow a tunnel, and a tunnel grows before its pods; offloads, queues and sysctls follow.</summary>
public static class RuleCatalog
{
    public static IReadOnlyList<ITuneRule> All { get; } =
    [
        new TunnelMtuRule(),
        new PodMtuRule(),
        new RouteMtuRule(),
        new ChecksumOffloadRule(),
        new SegmentationOffloadRule(),
        new GroRule(),
        new HardwareGroRule(),
        new UdpGroForwardingRule(),
        new TunnelSegmentationRule(),
        new VxlanTxChecksumRule(),
        new RingRule(),
        new ChannelRule(),
        new AdaptiveCoalescingRule(),
        new RpsRule(),
        new SocketBufferRule(),
        new BacklogRule(),
        new SlowStartAfterIdleRule(),
        new NotsentLowatRule(),
    ];

    public static IReadOnlyList<RuleDescription> Catalogue { get; } = All.SelectMany(r => r.Describes).ToList();
}
