using System.Globalization;
using PerfSuite.Model.Probe;

namespace PerfSuite.Cli.Commands;

/// <summary>The probe snapshot for people. Leads, per interface, with what decides pod-network cost: whether
/// each encapsulation is segmented and checksummed by the NIC or by the kernel in software, and the receive-side
/// aggregation (GRO and its variants); then driver, link, MTU, queues, rings, channels and coalescing.</summary>
internal sealed class ProbeTableWriter(TextWriter output)
{
    private const int LabelWidth = 30;
    private const int VerdictWidth = 10;

    private static readonly (string Label, string Feature)[] Encapsulations =
    [
        ("VXLAN segmentation", "tx-udp_tnl-segmentation"),
        ("VXLAN with outer checksum", "tx-udp_tnl-csum-segmentation"),
        ("IPIP segmentation", "tx-ipxip4-segmentation"),
        ("IPIP over IPv6 segmentation", "tx-ipxip6-segmentation"),
        ("GRE segmentation", "tx-gre-segmentation"),
        ("GRE with checksum", "tx-gre-csum-segmentation"),
    ];

    private static readonly (string Label, string Feature)[] Receive =
    [
        ("GRO", "rx-gro"),
        ("hardware GRO", "rx-gro-hw"),
        ("GRO fraglist", "rx-gro-list"),
        ("UDP GRO forwarding", "rx-udp-gro-forwarding"),
        ("UDP tunnel-port offload", "rx-udp_tunnel-port-offload"),
        ("LRO", "rx-lro"),
        ("rx checksum", "rx-checksum"),
    ];

    private static readonly (string Label, string Feature)[] Transmit =
    [
        ("scatter-gather", "tx-scatter-gather"),
        ("TSO (IPv4)", "tx-tcp-segmentation"),
        ("TSO (IPv6)", "tx-tcp6-segmentation"),
        ("GSO", "tx-generic-segmentation"),
        ("UDP segmentation (USO)", "tx-udp-segmentation"),
        ("tx checksum", "tx-checksum-ip-generic"),
        ("tx checksum IPv4", "tx-checksum-ipv4"),
        ("tx checksum IPv6", "tx-checksum-ipv6"),
    ];

    public void Write(ProbeDocument document)
    {
        var count = document.Interfaces.Count;
        Line($"Network namespace {document.Netns ?? "host"} on {document.Hostname}, kernel {document.Kernel}: " +
             $"{count} interface{(count == 1 ? "" : "s")}");
        foreach (var snapshot in document.Interfaces)
        {
            Line("");
            WriteInterface(snapshot);
        }
        if (document.Audit is { } audit)
            WriteAudit(audit);
    }

    private void WriteAudit(NetworkAudit audit)
    {
        Line("");
        Line($"Pod network: underlay {audit.Underlay ?? "unknown"} ({audit.UnderlayEvidence}), CNI {audit.Cni}");
        Line(audit.Tunnels.Count == 0 ? "  tunnel devices: none" : "  tunnel devices:");
        foreach (var t in audit.Tunnels)
        {
            var fits = t.FitsMin == t.FitsMax ? $"{t.FitsMax}" : $"{t.FitsMin}–{t.FitsMax}";
            Line(Invariant($"    {t.Name} ({t.Datapath}{(t.Cni == "unknown" ? "" : $", {t.Cni}")}): MTU {t.Mtu}, over {t.Underlay} (MTU {t.UnderlayMtu}), fits {fits}"));
        }
        Line(audit.ExpectedPodMtu is { } pod ? Invariant($"  pod MTU: {pod} ({audit.ExpectedPodMtuEvidence})") : $"  pod MTU: not known ({audit.ExpectedPodMtuEvidence})");
        Line(audit.Mistakes.Count == 0 ? "  MTU mistakes: none" : $"  MTU mistakes: {audit.Mistakes.Count} (perfsuite tune proposes the fixes)");
        foreach (var m in audit.Mistakes)
            Line(Invariant($"    {m.Kind} {(m.Route is null ? m.Device : $"{m.Route} dev {m.Device}")}: MTU {m.Mtu}, fits {m.Fits}. {m.Why}"));
    }

    private void WriteInterface(InterfaceSnapshot s)
    {
        var features = s.Features.ToDictionary(f => f.Name, StringComparer.Ordinal);
        var kind = s.Kind ?? "device";
        var master = s.Master is null ? "" : $", master {s.Master}";
        var driver = s.Driver is null ? "" : $", driver {s.Driver.Driver}";
        Line(Invariant($"{s.Name} ({kind}{driver}{master}): {s.OperState}, MTU {s.Mtu}, {s.TxQueues} tx / {s.RxQueues} rx queues"));

        // A virtual device has no hardware: an "on" tunnel offload there means it hands large packets on
        // unsegmented, and the segmentation happens later (at a NIC, or in software).
        var virtualDevice = s.Kind is not null;
        Line(virtualDevice
            ? "  encapsulation (transmit; virtual device: \"deferred\" = passed on unsegmented)"
            : "  encapsulation (transmit: segmented by the NIC, or by the kernel in software)");
        foreach (var (label, feature) in Encapsulations)
            Row(label, EncapsulationVerdict(features.GetValueOrDefault(feature), virtualDevice), feature, features);
        Row("WireGuard", "software", null, features,
            "no NIC offloads it: the kernel (or wireguard-go) encrypts and segments");
        Line("  receive");
        foreach (var (label, feature) in Receive)
            Row(label, OnOff(features.GetValueOrDefault(feature)), feature, features);
        Line("  transmit");
        foreach (var (label, feature) in Transmit)
            Row(label, OnOff(features.GetValueOrDefault(feature)), feature, features);

        if (s.Tunnel is { } t)
            Detail("tunnel", Invariant($"{t.Kind}{Opt(" VNI ", t.Vni)}{Opt(" port ", t.Port)}{Opt(" local ", t.Local)}{Opt(" remote ", t.Remote)}{Opt(" via ", t.UnderlayDevice)}{(t.Learning is { } l ? (l ? ", learning" : ", nolearning") : "")}"));
        if (s.Driver is { } d)
            Detail("driver", $"{d.Driver} {Dash(d.Version)}, firmware {Dash(d.FirmwareVersion)}, bus {Dash(d.BusInfo)}");
        if (s.Link is { } link)
            Detail("link", LinkText(link));
        if (s.Rings is { } r)
            Detail("rings", Invariant($"rx {r.Rx} of {r.RxMax}, tx {r.Tx} of {r.TxMax}{(r.RxJumboMax > 0 ? $", rx jumbo {r.RxJumbo} of {r.RxJumboMax}" : "")}"));
        if (s.Channels is { } c)
            Detail("channels", ChannelText(c));
        if (s.Qdisc is { } qdisc)
            Detail("qdisc", qdisc);
        if (s.Coalesce is { } co)
            Detail("coalescing", Invariant($"rx {co.RxUsecs} µs / {co.RxMaxFrames} frames, tx {co.TxUsecs} µs / {co.TxMaxFrames} frames, adaptive rx {OnOff(co.AdaptiveRx)} tx {OnOff(co.AdaptiveTx)}"));
        const string notReported = ": not reported by this driver";
        var unreported = s.Notes.Where(n => n.EndsWith(notReported, StringComparison.Ordinal)).Select(n => n[..^notReported.Length]).ToList();
        if (unreported.Count > 0)
            Detail("unreported", $"{string.Join(", ", unreported)} (the driver does not implement them)");
        foreach (var note in s.Notes.Where(n => !n.EndsWith(notReported, StringComparison.Ordinal)))
            Detail("note", note);
    }

    private static string EncapsulationVerdict(FeatureState? f, bool virtualDevice) => f switch
    {
        null => "software",
        { Active: true } => virtualDevice ? "deferred" : "hardware",
        _ => "software",
    };

    private void Row(string label, string verdict, string? feature, Dictionary<string, FeatureState> features, string? text = null)
    {
        var detail = text ?? FeatureText(feature!, features.GetValueOrDefault(feature!));
        Line($"    {label.PadRight(LabelWidth)}{verdict.PadRight(VerdictWidth)}{detail}");
    }

    /// <summary>The feature as <c>ethtool -k</c> shows it, plus what a reader can do about a changeable one.</summary>
    private static string FeatureText(string name, FeatureState? f)
    {
        if (f is null)
            return $"{name}: not in this kernel";
        var state = OnOff(f.Active);
        if (f.Fixed)
            return $"{name}: {state} [fixed]";
        if (f.Requested != f.Active)
            return $"{name}: {state} [requested {OnOff(f.Requested)}]";
        return f.Active ? $"{name}: on" : $"{name}: off (changeable)";
    }

    private static string OnOff(FeatureState? f) => f is null ? "-" : OnOff(f.Active);

    private static string OnOff(bool value) => value ? "on" : "off";

    private static string LinkText(LinkSettings l)
    {
        var speed = l.SpeedMbps is { } mbps ? Invariant($"{mbps} Mb/s") : "speed unknown";
        var detected = l.LinkDetected switch { true => ", link detected", false => ", no link", null => "" };
        var modes = l.AdvertisedModes.Count > 0 ? $", advertising {string.Join(' ', l.AdvertisedModes)}" : "";
        return $"{speed}, duplex {l.Duplex}, autoneg {OnOff(l.Autoneg)}, port {l.Port}{modes}{detected}";
    }

    private static string ChannelText(ChannelParams c)
    {
        var parts = new List<string>();
        void Add(string name, uint current, uint max)
        {
            if (max > 0 || current > 0)
                parts.Add(Invariant($"{name} {current} of {max}"));
        }
        Add("combined", c.Combined, c.MaxCombined);
        Add("rx", c.Rx, c.MaxRx);
        Add("tx", c.Tx, c.MaxTx);
        Add("other", c.Other, c.MaxOther);
        return parts.Count > 0 ? string.Join(", ", parts) : "none";
    }

    private void Detail(string label, string text) => Line($"  {label.PadRight(12)}{text}");

    private void Line(string text)
    {
        output.Write(text);
        output.Write('\n');
    }

    private static string Dash(string value) => value.Length == 0 ? "-" : value;

    private static string Opt<T>(string prefix, T? value) => value is null ? "" : Invariant($"{prefix}{value}");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
