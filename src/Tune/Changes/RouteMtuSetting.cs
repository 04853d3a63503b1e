namespace PerfSuite.Tune.Changes;

/// <summary>The MTU metric of one route. Routes with an MTU belong to the CNI that programs them (Cilium rewrites
/// them), so PerfSuite only advises this change; it never applies it.</summary>
public sealed record RouteMtuSetting(string Destination, string? Gateway, string? Device, int Mtu) : TuneSetting
{
    public override string Knob() => $"route {Destination} {Device}";

    public override string? InterfaceName() => Device;

    public override string Describe() =>
        $"ip route change {Destination}{(Gateway is null ? "" : $" via {Gateway}")}{(Device is null ? "" : $" dev {Device}")} mtu {Mtu}";

    public override bool SameState(TuneSetting other) =>
        other is RouteMtuSetting r && r.Destination == Destination && r.Device == Device && r.Mtu == Mtu;
}
