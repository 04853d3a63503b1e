using System.Globalization;
using PerfSuite.Model.Units;
using PerfSuite.Tune.Changes;
using PerfSuite.Tune.Findings;

namespace PerfSuite.Tune.Rules;

/// <summary>Socket buffer limits against the bandwidth-delay product of the link speed and RTT. TCP autotuning
/// grows a connection's buffers up to tcp_rmem[2]/tcp_wmem[2]; net.core.rmem_max/wmem_max cap what applications ask
/// for with SO_RCVBUF/SO_SNDBUF. About half of a receive buffer goes to overhead (tcp_adv_win_scale), so a buffer
/// of twice the BDP is needed to keep one stream's window open. Values are raised to at least tuned's
/// network-throughput 16 MiB, never lowered.</summary>
public sealed class SocketBufferRule : ITuneRule
{
    public const string TcpRmem = "sysctl.tcp-rmem";
    public const string TcpWmem = "sysctl.tcp-wmem";
    public const string CoreRmemMax = "sysctl.core-rmem-max";
    public const string CoreWmemMax = "sysctl.core-wmem-max";

    /// <summary>tcp_rmem[2] and tcp_wmem[2] in tuned's network-throughput profile.</summary>
    public const long TunedMaximum = 16 * 1024 * 1024;

    public IReadOnlyList<RuleDescription> Describes { get; } =
    [
        new(TcpRmem, "tcp_rmem maximum below twice the bandwidth-delay product", $"{Sources.BandwidthDelayProduct}; {Sources.TunedNetworkThroughput}"),
        new(TcpWmem, "tcp_wmem maximum below twice the bandwidth-delay product", $"{Sources.BandwidthDelayProduct}; {Sources.TunedNetworkThroughput}"),
        new(CoreRmemMax, "net.core.rmem_max below twice the bandwidth-delay product", $"{Sources.CoreSocketBuffers}; {Sources.BandwidthDelayProduct}"),
        new(CoreWmemMax, "net.core.wmem_max below twice the bandwidth-delay product", $"{Sources.CoreSocketBuffers}; {Sources.BandwidthDelayProduct}"),
    ];

    public IEnumerable<Finding> Evaluate(TuneContext context)
    {
        if (!context.ReportsSysctls)
            yield break;
        var bdp = context.BandwidthDelayProductBytes;
        var needed = (long)Math.Ceiling(2 * bdp);
        var target = Math.Max(TunedMaximum, RoundUpToPowerOfTwo(needed));
        var basis = $"Sized for {context.LinkSpeedEvidence} and an RTT of {context.Options.Rtt.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture)} ms, the BDP is {Bytes(bdp)}; a buffer of twice that, {Bytes(needed)}, keeps one stream's window open";

        foreach (var (rule, key, direction) in new[] { (TcpRmem, TunableSysctls.TcpRmem, "receive"), (TcpWmem, TunableSysctls.TcpWmem, "send") })
        {
            if (context.Facts.Sysctl(key) is not { Value: not null } fact || fact.Fields.Count != 3
                || !long.TryParse(fact.Fields[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out var max) || max >= needed)
                continue;
            var proposed = $"{fact.Fields[0]} {fact.Fields[1]} {target.ToString(CultureInfo.InvariantCulture)}";
            var (action, note) = SysctlActions.For(context, fact);
            yield return new Finding(
                $"{rule}@{key}",
                rule,
                FindingSubject.Sysctl(key),
                string.Join(' ', fact.Fields),
                proposed,
                $"TCP autotuning grows a connection's {direction} buffer up to {Bytes(max)} ({key}[2]). {basis}, so one stream is window-limited below the link speed. The value is per network namespace and covers only the sockets in it; a new namespace (a pod's) starts with a copy of the host's.",
                $"{Sources.BandwidthDelayProduct}; {Sources.TunedNetworkThroughput}",
                $"single-stream throughput no longer capped at about {Quantities.FormatBitRate(max / 2.0 * 8 / context.Options.Rtt.TotalSeconds)} by the window",
                "Memory per connection can grow to the new maximum under load; net.ipv4.tcp_mem still bounds the total.",
                RiskLevel.Low,
                action,
                [new SysctlSetting(key, proposed)],
                note);
        }

        foreach (var (rule, key, option) in new[] { (CoreRmemMax, TunableSysctls.CoreRmemMax, "SO_RCVBUF"), (CoreWmemMax, TunableSysctls.CoreWmemMax, "SO_SNDBUF") })
        {
            if (context.Facts.Sysctl(key) is not { AsNumber: { } value } fact || value >= needed)
                continue;
            var (action, note) = SysctlActions.For(context, fact);
            yield return new Finding(
                $"{rule}@{key}",
                rule,
                FindingSubject.Sysctl(key),
                value.ToString(CultureInfo.InvariantCulture),
                target.ToString(CultureInfo.InvariantCulture),
                $"Applications that size their buffers themselves ({option}: iperf3 -w, databases, storage replication, UDP receivers) are capped at {Bytes(value)}. {basis}.",
                $"{Sources.CoreSocketBuffers}; {Sources.BandwidthDelayProduct}",
                $"applications that set {option} can get a window that covers the BDP; autotuned TCP is governed by tcp_rmem/tcp_wmem instead",
                "Raises only the ceiling applications may ask for; memory is used only by sockets that ask.",
                RiskLevel.Low,
                action,
                [new SysctlSetting(key, target.ToString(CultureInfo.InvariantCulture))],
                note);
        }
    }

    internal static long RoundUpToPowerOfTwo(long value)
    {
        var result = 1L;
        while (result < value)
            result <<= 1;
        return result;
    }

    internal static string Bytes(double bytes) => bytes >= 1024 * 1024
        ? $"{(bytes / (1024 * 1024)).ToString("0.##", CultureInfo.InvariantCulture)} MiB"
        : $"{(bytes / 1024).ToString("0.##", CultureInfo.InvariantCulture)} KiB";
}
