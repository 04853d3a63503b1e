using PerfSuite.Kernel.Ethtool;
using PerfSuite.Kernel.Namespaces;
using PerfSuite.Kernel.Netlink;
using PerfSuite.Kernel.Sysctl;
using PerfSuite.Kernel.Sysfs;
using PerfSuite.Model.Errors;
using PerfSuite.Tune.Changes;

namespace PerfSuite.Tune.Apply;

/// <summary>The knobs of one network namespace, live: features, rings, channels and coalescing through
/// SIOCETHTOOL (EthtoolClient), MTU through rtnetlink, sysctls through /proc/sys opened on a thread inside the
/// namespace, RPS masks, XPS maps and interrupt affinity through a sysfs mounted for it (<see cref="QueueSteeringFiles"/>). Both sockets are created inside the namespace, so
/// nothing here can reach the caller's own interfaces when a namespace is named.</summary>
public sealed class NamespaceTunableSystem : ITunableSystem
{
    private readonly string? _netns;
    private readonly EthtoolClient _ethtool;
    private readonly RtnetlinkClient _rtnetlink;
    private readonly QueueSteeringFiles _steering;

    private NamespaceTunableSystem(string? netns, EthtoolClient ethtool, RtnetlinkClient rtnetlink, QueueSteeringFiles steering)
    {
        _netns = netns;
        _ethtool = ethtool;
        _rtnetlink = rtnetlink;
        _steering = steering;
    }

    public string NamespaceLabel => _netns ?? NetworkNamespace.HostName;

    public static NamespaceTunableSystem Open(string? netns) => Open(netns, QueueSteeringFiles.Live);

    /// <summary>With the queue steering files under other roots (tests: a device with interrupts in fixture
    /// directories).</summary>
    public static NamespaceTunableSystem Open(string? netns, QueueSteeringFiles steering)
    {
        var ethtool = EthtoolClient.Open(netns);
        try
        {
            return new NamespaceTunableSystem(netns, ethtool, RtnetlinkClient.Open(netns), steering);
        }
        catch
        {
            ethtool.Dispose();
            throw;
        }
    }

    public TuneSetting Read(TuneSetting knob) => knob switch
    {
        FeatureSetting f => new FeatureSetting(f.Interface, RequestedBits(f)),
        RingSetting r => new RingSetting(r.Interface, _ethtool.GetRings(r.Interface)),
        ChannelSetting c => new ChannelSetting(c.Interface, _ethtool.GetChannels(c.Interface)),
        CoalesceSetting c => new CoalesceSetting(c.Interface, _ethtool.GetCoalesce(c.Interface)),
        MtuSetting m => new MtuSetting(m.Interface, _rtnetlink.GetLink(m.Interface).Mtu),
        // tcp_rmem reads back tab-separated; the journal keeps the value as one would write it.
        SysctlSetting s => new SysctlSetting(s.Key, string.Join(' ', NamespaceSysctl.Read(_netns, s.Key).Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries))),
        RpsSetting r => new RpsSetting(r.Interface, r.Queue, ReceivePacketSteering.ReadOne(_netns, r.Interface, r.Queue)),
        XpsSetting or IrqAffinitySetting => NetworkNamespace.RunWithOwnSysfs(_netns, () => _steering.Read(knob)),
        _ => throw AdviceOnly(knob),
    };

    public void Write(TuneSetting setting)
    {
        switch (setting)
        {
            case FeatureSetting f:
                _ethtool.SetFeatures(f.Interface, f.Requested);
                break;
            case RingSetting r:
                _ethtool.SetRings(r.Interface, r.Rings);
                break;
            case ChannelSetting c:
                _ethtool.SetChannels(c.Interface, c.Channels);
                break;
            case CoalesceSetting c:
                _ethtool.SetCoalesce(c.Interface, c.Coalesce);
                break;
            case MtuSetting m:
                _rtnetlink.SetLink(m.Interface, mtu: m.Mtu);
                break;
            case SysctlSetting s:
                NamespaceSysctl.Write(_netns, (s.Key, s.Value));
                break;
            case RpsSetting r:
                ReceivePacketSteering.Write(_netns, r.Interface, r.Queue, RpsMask.Normalize(r.Mask));
                break;
            case XpsSetting or IrqAffinitySetting:
                NetworkNamespace.RunWithOwnSysfs(_netns, () =>
                {
                    _steering.Write(setting);
                    return true;
                });
                break;
            default:
                throw AdviceOnly(setting);
        }
    }

    public SettingCheck Check(TuneSetting wanted)
    {
        if (wanted is FeatureSetting f)
        {
            var features = _ethtool.GetFeatures(f.Interface);
            var readBack = new FeatureSetting(f.Interface, RequestedBits(f, features));
            var off = new List<string>();
            foreach (var (name, value) in f.Requested)
            {
                var state = features[name]!;
                if (state.Active == value)
                    continue;
                var why = state.Fixed ? "[fixed]" : state.Requested == value ? "held back by a feature it depends on" : "the request was not recorded";
                off.Add($"{name} is {OnOff(state.Active)} ({why})");
            }
            return new SettingCheck(off.Count == 0, readBack, off.Count == 0 ? null : string.Join("; ", off));
        }
        var current = Read(wanted);
        return current.SameState(wanted)
            ? new SettingCheck(true, current, null)
            : new SettingCheck(false, current, $"reads back as: {current.Describe()}");
    }

    public IReadOnlyList<TuneSetting> ResetBy(TuneSetting setting)
    {
        if (setting is not ChannelSetting channels)
            return [];
        var rps = ReceivePacketSteering.Read(_netns, [channels.Interface]).Select(q => (TuneSetting)new RpsSetting(q.Interface, q.Queue, q.Mask));
        return [.. rps, .. NetworkNamespace.RunWithOwnSysfs(_netns, () => _steering.Read(channels.Interface))];
    }

    public void Dispose()
    {
        _rtnetlink.Dispose();
        _ethtool.Dispose();
    }

    private Dictionary<string, bool> RequestedBits(FeatureSetting knob, EthtoolFeatureSet? features = null)
    {
        features ??= _ethtool.GetFeatures(knob.Interface);
        return knob.Requested.Keys.ToDictionary(
            name => name,
            name => (features[name] ?? throw new PerfSuiteException(ErrorReason.NotFound,
                $"no feature '{name}' on '{knob.Interface}' in network namespace '{NamespaceLabel}'")).Requested,
            StringComparer.Ordinal);
    }

    private static string OnOff(bool value) => value ? "on" : "off";

    private static PerfSuiteException AdviceOnly(TuneSetting setting) =>
        new(ErrorReason.NotSupported, $"{setting.Describe()}: PerfSuite only advises this change; it never makes it");
}
