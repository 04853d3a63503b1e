using PerfSuite.Model.Probe;

namespace PerfSuite.Tune.Changes;

/// <summary>Queue counts of one interface, the whole ethtool_channels as read and written back.</summary>
public sealed record ChannelSetting(string Interface, ChannelParams Channels) : TuneSetting
{
    public override string Knob() => $"channels {Interface}";

    public override string? InterfaceName() => Interface;

    public override string Describe() =>
        $"ethtool -L {Interface} rx {Channels.Rx} tx {Channels.Tx} other {Channels.Other} combined {Channels.Combined}";

    public override bool SameState(TuneSetting other) =>
        other is ChannelSetting c && c.Interface == Interface && c.Channels.Rx == Channels.Rx && c.Channels.Tx == Channels.Tx
        && c.Channels.Other == Channels.Other && c.Channels.Combined == Channels.Combined;
}
