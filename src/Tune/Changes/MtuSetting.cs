namespace PerfSuite.Tune.Changes;

/// <summary>The MTU of one interface.</summary>
public sealed record MtuSetting(string Interface, int Mtu) : TuneSetting
{
    public override string Knob() => $"mtu {Interface}";

    public override string? InterfaceName() => Interface;

    public override string Describe() => $"ip link set dev {Interface} mtu {Mtu}";

    public override bool SameState(TuneSetting other) => other is MtuSetting m && m.Interface == Interface && m.Mtu == Mtu;
}
