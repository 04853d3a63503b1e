using System.Text.Json.Serialization;

namespace PerfSuite.Tune.Changes;

/// <summary>One knob and the state it should hold: a finding proposes settings, the journal records the setting
/// read before a change (the undo) next to the one applied, and rollback applies the recorded one. Settings of
/// the same <see cref="Knob"/> describe the same thing, so a read-back can be compared with what was asked.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(FeatureSetting), "features")]
[JsonDerivedType(typeof(RingSetting), "rings")]
[JsonDerivedType(typeof(ChannelSetting), "channels")]
[JsonDerivedType(typeof(CoalesceSetting), "coalesce")]
[JsonDerivedType(typeof(MtuSetting), "mtu")]
[JsonDerivedType(typeof(SysctlSetting), "sysctl")]
[JsonDerivedType(typeof(RpsSetting), "rps")]
[JsonDerivedType(typeof(RouteMtuSetting), "route-mtu")]
[JsonDerivedType(typeof(XpsSetting), "xps")]
[JsonDerivedType(typeof(IrqAffinitySetting), "irq-affinity")]
public abstract record TuneSetting
{
    /// <summary>What is set, independent of the value: "mtu cni0", "sysctl net.ipv4.tcp_rmem".</summary>
    public abstract string Knob();

    /// <summary>The interface the setting belongs to, or null for a sysctl.</summary>
    public virtual string? InterfaceName() => null;

    /// <summary>The same change as a person would type it (ethtool, ip, sysctl, a sysfs write).</summary>
    public abstract string Describe();

    /// <summary>True when <paramref name="other"/> is the same knob in the same state, compared the way the kernel
    /// reads it back (sysctl fields whatever the separators, RPS masks whatever the padding).</summary>
    public abstract bool SameState(TuneSetting other);
}
