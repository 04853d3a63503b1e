
using PerfSuite.Kernel.Sysfs;

namespace PerfSuite.Tune.Changes;

/// <summary>The RPS CPU mask of one receive queue (Documentation/networking/scaling.rst).</summary>
public sealed record RpsSetting(string Interface, string Queue, string Mask) : TuneSetting
{
    public override string Knob() => $"rps {Interface} {Queue}";

    public override string? InterfaceName() => Interface;

    public override string Describe() => $"echo {RpsMask.Normalize(Mask)} > /sys/class/net/{Interface}/queues/{Queue}/rps_cpus";

    public override bool SameState(TuneSetting other) =>
        other is RpsSetting r && r.Interface == Interface && r.Queue == Queue && RpsMask.AreEqual(r.Mask, Mask);
}
