using System.Globalization;
using PerfSuite.Model.Probe;
using PerfSuite.Model.Results;

namespace PerfSuite.Model.Fleet;

/// <summary>A host's settings by name, as the fleet compares them: its NIC under test (MTU, root qdisc, driver, firmware, every
/// feature, rings, channels, coalescing, link) and its environment (kernel, CPU, sysctls). What identifies a host
/// rather than configures it (MAC address, bus address, interface index and name, host name) is left out, since it
/// differs on every host by design.</summary>
public static class HostSettings
{
    public static IReadOnlyDictionary<string, string> Of(InterfaceSnapshot? nic, RunEnvironment? environment)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        if (nic is not null)
            AddNic(settings, nic);
        if (environment is not null)
        {
            settings["kernel"] = environment.Kernel;
            settings["CPU model"] = environment.CpuModel;
            settings["CPU count"] = Text(environment.CpuCount);
            foreach (var (name, value) in environment.Sysctls)
                settings[$"sysctl {name}"] = value;
        }
        return settings;
    }

    private static void AddNic(Dictionary<string, string> settings, InterfaceSnapshot nic)
    {
        settings["MTU"] = Text(nic.Mtu);
        settings["kind"] = nic.Kind ?? "physical";
        if (nic.Qdisc is { } qdisc)
            settings["qdisc"] = qdisc;
        settings["tx queues"] = Text(nic.TxQueues);
        settings["rx queues"] = Text(nic.RxQueues);
        if (nic.Driver is { } driver)
        {
            settings["driver"] = driver.Driver;
            settings["driver version"] = driver.Version;
            settings["firmware"] = driver.FirmwareVersion;
        }
        foreach (var feature in nic.Features)
            settings[feature.Name] = feature.Active ? "on" : "off";
        if (nic.Link is { } link)
        {
            settings["link speed"] = link.SpeedMbps is { } speed ? $"{Text(speed)} Mb/s" : "unknown";
            settings["duplex"] = link.Duplex;
            settings["autoneg"] = link.Autoneg ? "on" : "off";
        }
        if (nic.Rings is { } rings)
        {
            settings["rings.rx"] = Text(rings.Rx);
            settings["rings.tx"] = Text(rings.Tx);
            settings["rings.rx-max"] = Text(rings.RxMax);
            settings["rings.tx-max"] = Text(rings.TxMax);
        }
        if (nic.Channels is { } channels)
        {
            settings["channels.combined"] = Text(channels.Combined);
            settings["channels.rx"] = Text(channels.Rx);
            settings["channels.tx"] = Text(channels.Tx);
            settings["channels.max-combined"] = Text(channels.MaxCombined);
        }
        if (nic.Coalesce is { } coalesce)
        {
            settings["coalesce.adaptive-rx"] = coalesce.AdaptiveRx ? "on" : "off";
            settings["coalesce.adaptive-tx"] = coalesce.AdaptiveTx ? "on" : "off";
            settings["coalesce.rx-usecs"] = Text(coalesce.RxUsecs);
            settings["coalesce.tx-usecs"] = Text(coalesce.TxUsecs);
            settings["coalesce.rx-frames"] = Text(coalesce.RxMaxFrames);
            settings["coalesce.tx-frames"] = Text(coalesce.TxMaxFrames);
        }
    }

    /// <summary>For every host, the settings in which it differs from a strict majority of the hosts (a setting with
    /// no value held by more than half of them is nobody's evidence). A host that does not report a setting the
    /// majority reports differs as <c>absent</c>.</summary>
    public static IReadOnlyList<IReadOnlyList<SettingDifference>> DifferencesFromMajority(IReadOnlyList<IReadOnlyDictionary<string, string>> hosts)
    {
        const string Absent = "absent";
        var names = hosts.SelectMany(h => h.Keys).Distinct(StringComparer.Ordinal).ToList();
        var differences = hosts.Select(_ => new List<SettingDifference>()).ToList();
        foreach (var name in names)
        {
            var values = hosts.Select(h => h.TryGetValue(name, out var v) ? v : Absent).ToList();
            var majority = values.GroupBy(v => v, StringComparer.Ordinal).OrderByDescending(g => g.Count()).First();
            if (majority.Count() * 2 <= hosts.Count)
                continue;
            for (var i = 0; i < hosts.Count; i++)
            {
                if (values[i] != majority.Key)
                    differences[i].Add(new SettingDifference(name, values[i], majority.Key, majority.Count(), hosts.Count));
            }
        }
        return differences;
    }

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
