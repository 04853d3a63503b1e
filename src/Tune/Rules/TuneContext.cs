using PerfSuite.Model.Units;
using PerfSuite.Probe.Facts;
using PerfSuite.Probe.Topology;

namespace PerfSuite.Tune.Rules;

/// <summary>What every rule is given: the facts, the options, the topology read from the facts, and the link
/// speed the socket-buffer rules size for, with where that number came from.</summary>
public sealed class TuneContext
{
    public TuneContext(NetworkFacts facts, TuneOptions options)
    {
        Facts = facts;
        Options = options;
        Topology = DatapathTopology.Detect(facts, options.Path);
        if (options.LinkSpeedBps is { } given)
        {
            LinkSpeedBps = given;
            LinkSpeedEvidence = $"--link-speed {Quantities.FormatBitRate(given)}";
        }
        else if (Topology.Underlay?.Link?.SpeedMbps is { } mbps and > 0)
        {
            LinkSpeedBps = mbps * 1e6;
            LinkSpeedEvidence = $"the speed {Topology.Underlay.Name} reports, {Quantities.FormatBitRate(LinkSpeedBps)}";
        }
        else
        {
            LinkSpeedBps = TuneOptions.DefaultLinkSpeedBps;
            LinkSpeedEvidence = $"{Quantities.FormatBitRate(LinkSpeedBps)} (the underlay reports no speed; set --link-speed)";
        }
    }

    public NetworkFacts Facts { get; }

    public TuneOptions Options { get; }

    public DatapathTopology Topology { get; }

    public double LinkSpeedBps { get; }

    public string LinkSpeedEvidence { get; }

    /// <summary>True when the tuned namespace is not the caller's own: host-wide settings are then advice.</summary>
    public bool TuningANamespace => Facts.Probe.Netns is not null;

    /// <summary>Bytes in flight that fill the link for one RTT.</summary>
    public double BandwidthDelayProductBytes => LinkSpeedBps / 8 * Options.Rtt.TotalSeconds;

    /// <summary>Sysctl findings are reported unless the user asked for particular interfaces.</summary>
    public bool ReportsSysctls => Options.InterfaceFilter.Count == 0;

    /// <summary>Devices the interface-level rules (offloads, checksums, queues, rings) look at: the underlay and every
    /// physical NIC (<see cref="DatapathTopology.WireDevices"/>), and every interface the user named with
    /// <c>--iface</c> whatever its role in the topology (a veth, a bridge).</summary>
    public IEnumerable<Model.Probe.InterfaceSnapshot> InterfaceDevices =>
        Topology.WireDevices(Facts)
            .Concat(Facts.Probe.Interfaces.Where(i => Options.InterfaceFilter.Contains(i.Name, StringComparer.Ordinal)))
            .DistinctBy(i => i.Name);

    /// <summary>What <paramref name="device"/> is to the rules, for a finding's text.</summary>
    public string RoleOf(Model.Probe.InterfaceSnapshot device) =>
        Topology.IsTunnel(device.Name) ? "tunnel device"
        : device.Name == Topology.Underlay?.Name ? "underlay"
        : DatapathTopology.IsPhysical(device) ? "physical NIC"
        : "named with --iface";

    public bool Reports(string interfaceName) =>
        Options.InterfaceFilter.Count == 0 || Options.InterfaceFilter.Contains(interfaceName, StringComparer.Ordinal);
}
