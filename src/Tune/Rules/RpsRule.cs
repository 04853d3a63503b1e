using PerfSuite.Kernel.Sysfs;
using PerfSuite.Tune.Changes;
using PerfSuite.Tune.Findings;

namespace PerfSuite.Tune.Rules;

/// <summary>A single-queue underlay or physical NIC, unable to have more queues, with RPS off on a multi-CPU host:
/// all receive processing of the device runs on the one CPU its interrupt lands on.</summary>
public sealed class RpsRule : ITuneRule
{
    public const string Id = "queues.rps-single-queue";

    public IReadOnlyList<RuleDescription> Describes { get; } =
        [new(Id, "single-queue NIC without receive packet steering (RPS)", Sources.KernelScaling)];

    public IEnumerable<Finding> Evaluate(TuneContext context)
    {
        var cpus = context.Facts.CpuCount;
        if (cpus < 2)
            yield break;
        foreach (var device in context.Topology.WireDevices(context.Facts))
        {
            if (!context.Reports(device.Name) || !IsSingleQueueForGood(device))
                continue;
            var queues = context.Facts.RpsQueues.Where(q => q.Interface == device.Name).ToList();
            if (queues.Count == 0 || queues.Any(q => !q.IsOff))
                continue;
            var mask = RpsMask.AllCpus(cpus);
            yield return new Finding(
                $"{Id}@{device.Name}",
                Id,
                FindingSubject.Interface(device.Name),
                $"rps_cpus {string.Join(", ", queues.Select(q => $"{q.Queue}={RpsMask.Normalize(q.Mask)}"))}",
                $"rps_cpus {mask} (all {cpus} CPUs)",
                $"{device.Name} has one receive queue and cannot have more, and RPS is off: its interrupt's CPU runs the whole receive path (GRO, IP, forwarding, decapsulation) for every flow while {cpus - 1} other CPU(s) wait.",
                Sources.KernelScaling,
                "receive processing of different flows spreads over all CPUs after the interrupt: higher aggregate throughput when one CPU is saturated in softirq",
                "Steering costs an inter-processor interrupt per batch and touches the packet on a second CPU; on an idle host it can add a few microseconds of latency.",
                RiskLevel.Low,
                FindingAction.Apply,
                queues.Select(q => (TuneSetting)new RpsSetting(device.Name, q.Queue, mask)).ToList());
        }
    }

    private static bool IsSingleQueueForGood(Model.Probe.InterfaceSnapshot device)
    {
        if (device.Channels is { } c)
        {
            var current = c.Combined + c.Rx;
            var maximum = Math.Max(c.MaxCombined, c.MaxRx);
            return current <= 1 && maximum <= 1;
        }
        return device.RxQueues <= 1;
    }
}
