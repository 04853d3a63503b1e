using PerfSuite.Tune.Changes;
using PerfSuite.Tune.Findings;

namespace PerfSuite.Tune.Rules;

/// <summary>Fixed interrupt coalescing on the underlay or a physical NIC: one setting is either too eager (an
/// interrupt per few packets at high rates) or too lazy (latency at low rates); adaptive moderation tracks the rate.</summary>
public sealed class AdaptiveCoalescingRule : ITuneRule
{
    public const string Id = "queues.adaptive-coalescing-off";

    public IReadOnlyList<RuleDescription> Describes { get; } =
        [new(Id, "adaptive interrupt coalescing off", Sources.AdaptiveCoalescing)];

    public IEnumerable<Finding> Evaluate(TuneContext context)
    {
        foreach (var device in context.Topology.WireDevices(context.Facts))
        {
            if (!context.Reports(device.Name) || device.Coalesce is not { } coalesce || (coalesce.AdaptiveRx && coalesce.AdaptiveTx))
                continue;
            var target = coalesce with { AdaptiveRx = true, AdaptiveTx = true };
            yield return new Finding(
                $"{Id}@{device.Name}",
                Id,
                FindingSubject.Interface(device.Name),
                $"adaptive-rx {FeatureLookup.OnOff(coalesce.AdaptiveRx)}, adaptive-tx {FeatureLookup.OnOff(coalesce.AdaptiveTx)} (rx-usecs {coalesce.RxUsecs}, tx-usecs {coalesce.TxUsecs})",
                "adaptive-rx on, adaptive-tx on",
                $"{device.Name} coalesces interrupts with fixed settings (rx-usecs {coalesce.RxUsecs}, rx-frames {coalesce.RxMaxFrames}). A fixed setting suits one packet rate; adaptive moderation (DIM) raises coalescing under load and lowers it when idle.",
                Sources.AdaptiveCoalescing,
                "fewer interrupts per Gbit at high rates without adding latency at low rates",
                "Not every driver implements adaptive moderation; the kernel refuses it for drivers that do not declare it, and the read-back reports that. Latency becomes rate-dependent.",
                RiskLevel.Low,
                FindingAction.Apply,
                [new CoalesceSetting(device.Name, target)]);
        }
    }
}
