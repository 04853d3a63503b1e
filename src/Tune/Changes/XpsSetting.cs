using PerfSuite.Kernel.Sysfs;

namespace PerfSuite.Tune.Changes;

/// <summary>One transmit queue's XPS map (Documentation/networking/scaling.rst, "XPS"): <see cref="Map"/> "cpus"
/// is <c>xps_cpus</c>, the CPUs that send on the queue; "rxqs" is <c>xps_rxqs</c>, the receive queues whose flows
/// answer on it. Tune never proposes one: it journals them before a channel change, which drivers reset them by.</summary>
public sealed record XpsSetting(string Interface, string Queue, string Map, string Mask) : TuneSetting
{
    /// <summary>The two maps of a transmit queue, as the file name ends (<c>xps_cpus</c>, <c>xps_rxqs</c>).</summary>
    public static readonly IReadOnlyList<string> Maps = ["cpus", "rxqs"];

    public string FileName => $"xps_{Map}";

    public override string Knob() => $"xps-{Map} {Interface} {Queue}";

    public override string? InterfaceName() => Interface;

    public override string Describe() => $"echo {RpsMask.Normalize(Mask)} > /sys/class/net/{Interface}/queues/{Queue}/{FileName}";

    public override bool SameState(TuneSetting other) =>
        other is XpsSetting x && x.Interface == Interface && x.Queue == Queue && x.Map == Map && RpsMask.AreEqual(x.Mask, Mask);
}
