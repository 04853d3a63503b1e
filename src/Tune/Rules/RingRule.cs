using PerfSuite.Tune.Changes;
using PerfSuite.Tune.Findings;

namespace PerfSuite.Tune.Rules;

/// <summary>Descriptor rings below the driver's maximum on the underlay or a physical NIC: a burst that outruns the
/// softirq fills the ring and the NIC drops frames before the kernel sees them.</summary>
public sealed class RingRule : ITuneRule
{
    public const string Id = "queues.rings-below-max";

    public IReadOnlyList<RuleDescription> Describes { get; } =
        [new(Id, "RX/TX descriptor rings below the driver's maximum", Sources.RingBuffers)];

    public IEnumerable<Finding> Evaluate(TuneContext context)
    {
        foreach (var device in context.InterfaceDevices)
        {
            if (!context.Reports(device.Name) || device.Rings is not { } rings)
                continue;
            var rx = rings.RxMax > 0 && rings.Rx < rings.RxMax;
            var tx = rings.TxMax > 0 && rings.Tx < rings.TxMax;
            if (!rx && !tx)
                continue;
            var target = rings with { Rx = rx ? rings.RxMax : rings.Rx, Tx = tx ? rings.TxMax : rings.Tx };
            yield return new Finding(
                $"{Id}@{device.Name}",
                Id,
                FindingSubject.Interface(device.Name),
                $"rx {rings.Rx}/{rings.RxMax}, tx {rings.Tx}/{rings.TxMax}",
                $"rx {target.Rx}, tx {target.Tx}",
                $"{device.Name} uses {rings.Rx} of {rings.RxMax} RX and {rings.Tx} of {rings.TxMax} TX descriptors. When a burst arrives faster than the receive softirq drains the ring, the NIC drops frames (rx_missed/rx_no_buffer counters) and TCP backs off.",
                Sources.RingBuffers,
                "bursts are absorbed instead of dropped: fewer retransmits at high rates",
                "Most drivers reset the NIC to resize rings: the link drops for a moment. Larger rings hold more memory and can add queueing delay under overload.",
                RiskLevel.Medium,
                FindingAction.Apply,
                [new RingSetting(device.Name, target)]);
        }
    }
}
