using PerfSuite.Model.Probe;

namespace PerfSuite.Tune.Changes;

/// <summary>Interrupt coalescing of one interface, the whole ethtool_coalesce as read and written back: newer
/// kernels refuse a SCOALESCE that touches a parameter the driver does not declare, and the struct read holds
/// exactly the driver's own values (reference/ethtool-abi.md §2).</summary>
public sealed record CoalesceSetting(string Interface, CoalesceParams Coalesce) : TuneSetting
{
    public override string Knob() => $"coalesce {Interface}";

    public override string? InterfaceName() => Interface;

    public override string Describe() =>
        $"ethtool -C {Interface} adaptive-rx {(Coalesce.AdaptiveRx ? "on" : "off")} adaptive-tx {(Coalesce.AdaptiveTx ? "on" : "off")} rx-usecs {Coalesce.RxUsecs} tx-usecs {Coalesce.TxUsecs}";

    public override bool SameState(TuneSetting other) =>
        other is CoalesceSetting c && c.Interface == Interface && c.Coalesce == Coalesce;
}
