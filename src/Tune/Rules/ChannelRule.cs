using PerfSuite.Tune.Changes;
using PerfSuite.Tune.Findings;

namespace PerfSuite.Tune.Rules;

/// <summary>Fewer queues than CPUs on the underlay or a physical NIC where the driver allows more: receive side
/// scaling spreads flows over queues, and each queue's interrupt and softirq run on one CPU.</summary>
public sealed class ChannelRule : ITuneRule
{
    public const string Id = "queues.channels-below-cpus";

    public IReadOnlyList<RuleDescription> Describes { get; } =
        [new(Id, "fewer queues (channels) than CPUs where the driver allows more", Sources.KernelScaling)];

    public IEnumerable<Finding> Evaluate(TuneContext context)
    {
        var cpus = context.Facts.CpuCount;
        foreach (var device in context.InterfaceDevices)
        {
            if (!context.Reports(device.Name) || device.Channels is not { } channels)
                continue;
            var target = channels;
            if (channels.MaxCombined > 0)
            {
                var want = (uint)Math.Min(channels.MaxCombined, cpus);
                if (channels.Combined < want)
                    target = channels with { Combined = want };
            }
            else
            {
                var wantRx = (uint)Math.Min(channels.MaxRx, cpus);
                var wantTx = (uint)Math.Min(channels.MaxTx, cpus);
                target = channels with
                {
                    Rx = channels.Rx < wantRx ? wantRx : channels.Rx,
                    Tx = channels.Tx < wantTx ? wantTx : channels.Tx,
                };
            }
            if (target == channels)
                continue;
            yield return new Finding(
                $"{Id}@{device.Name}",
                Id,
                FindingSubject.Interface(device.Name),
                Describe(channels),
                Describe(target),
                $"{device.Name} runs {Describe(channels)} on a host with {cpus} CPUs (driver maximum: {Maximum(channels)}). With fewer queues than CPUs, receive processing of all flows is confined to as many CPUs as there are queues.",
                Sources.KernelScaling,
                "flows spread over more CPUs: higher aggregate throughput with several streams, less softirq saturation of one CPU",
                "Most drivers reset the NIC to change queue counts (a short link drop). New queues need their interrupts spread over CPUs (irqbalance or smp_affinity), or they land on the same CPU.",
                RiskLevel.Medium,
                FindingAction.Apply,
                [new ChannelSetting(device.Name, target)]);
        }
    }

    private static string Describe(Model.Probe.ChannelParams c) =>
        c.MaxCombined > 0 ? $"{c.Combined} combined" : $"rx {c.Rx}, tx {c.Tx}";

    private static string Maximum(Model.Probe.ChannelParams c) =>
        c.MaxCombined > 0 ? $"{c.MaxCombined} combined" : $"rx {c.MaxRx}, tx {c.MaxTx}";
}
