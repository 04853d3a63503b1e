using PerfSuite.Model.Probe;

namespace PerfSuite.Tune.Changes;

/// <summary>Descriptor ring sizes of one interface, the whole ethtool_ringparam as read and written back
/// (ETHTOOL_SRINGPARAM ignores the maxima; they are kept for the report).</summary>
public sealed record RingSetting(string Interface, RingParams Rings) : TuneSetting
{
    public override string Knob() => $"rings {Interface}";

    public override string? InterfaceName() => Interface;

    public override string Describe() =>
        $"ethtool -G {Interface} rx {Rings.Rx} rx-mini {Rings.RxMini} rx-jumbo {Rings.RxJumbo} tx {Rings.Tx}";

    public override bool SameState(TuneSetting other) =>
        other is RingSetting r && r.Interface == Interface && r.Rings.Rx == Rings.Rx && r.Rings.RxMini == Rings.RxMini
        && r.Rings.RxJumbo == Rings.RxJumbo && r.Rings.Tx == Rings.Tx;
}
