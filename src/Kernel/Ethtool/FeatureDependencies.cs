using PerfSuite.Model.Probe;

namespace PerfSuite.Kernel.Ethtool;

/// <summary>The feature dependencies the kernel enforces for every device in <c>netdev_fix_features</c>
/// (net/core/dev.c), used to say why a wanted feature stayed off. Drivers and upper/lower devices add their own
/// rules through ndo_fix_features; those are reported without a named cause.</summary>
internal static class FeatureDependencies
{
    private sealed record Rule(Func<string, bool> AppliesTo, string[] NeedsOneOf, string[] ConflictsWith);

    private static readonly EthtoolFeatureGroup Tso = EthtoolFeatureGroup.Named("tso")!;

    private static readonly Rule[] TurningOn =
    [
        // "TSO requires that SG is present as well."
        new(f => Tso.Matches(f), ["tx-scatter-gather"], []),
        // "Dropping NETIF_F_GSO since no SG feature."
        new(f => f == "tx-generic-segmentation", ["tx-scatter-gather"], []),
        new(f => f == "tx-tcp-segmentation", ["tx-checksum-ipv4", "tx-checksum-ip-generic"], []),
        new(f => f == "tx-tcp6-segmentation", ["tx-checksum-ipv6", "tx-checksum-ip-generic"], []),
        // "TSO with IPv4 ID mangling requires IPv4 TSO be enabled"; "TSO ECN requires that TSO is present as well."
        new(f => f == "tx-tcp-mangleid-segmentation", ["tx-tcp-segmentation"], []),
        new(f => f == "tx-tcp-ecn-segmentation", ["tx-tcp-segmentation", "tx-tcp6-segmentation"], []),
        // Every packet merged by hardware must have had its checksum verified by hardware.
        new(f => f == "rx-gro-hw", ["rx-checksum"], ["rx-fcs"]),
        new(f => f == "rx-lro", [], ["rx-gro-hw", "rx-fcs"]),
        // "mixed HW and IP checksum settings": the generic checksum wins.
        new(f => f is "tx-checksum-ipv4" or "tx-checksum-ipv6", [], ["tx-checksum-ip-generic"]),
        new(f => f == "tls-hw-rx-offload", ["rx-checksum"], []),
    ];

    /// <summary>Why <paramref name="feature"/> is not <paramref name="wanted"/> although the kernel recorded the
    /// wish, judged on the state after the change.</summary>
    public static string Explain(string feature, bool wanted, EthtoolFeatureSet after)
    {
        var causes = new List<string>();
        if (wanted)
        {
            foreach (var rule in TurningOn.Where(r => r.AppliesTo(feature)))
            {
                var present = rule.NeedsOneOf.Where(n => after[n] is not null).ToArray();
                if (present.Length > 0 && !present.Any(n => after[n]!.Active))
                    causes.Add(present.Length == 1
                        ? $"needs {present[0]}, which is off"
                        : $"needs {string.Join(" or ", present)}, which are off");
                causes.AddRange(rule.ConflictsWith.Where(c => after[c]?.Active == true).Select(c => $"cannot be on while {c} is on"));
            }
        }
        var state = FeatureChangePlan.OnOff(!wanted);
        return causes.Count > 0
            ? $"blocked by a dependency: {feature} {string.Join("; ", causes)}"
            : $"blocked by a dependency: the kernel keeps it {state} although {FeatureChangePlan.OnOff(wanted)} is requested (another feature, an upper or lower device, or the driver vetoes it)";
    }
}
