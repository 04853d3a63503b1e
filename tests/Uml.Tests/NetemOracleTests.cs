using System.Globalization;
using System.Text.Json;
using PerfSuite.Probe.Tests.Support;
using PerfSuite.Uml.Tests.Support;

namespace PerfSuite.Uml.Tests;

/// <summary>
/// netem as an oracle nobody in the project computed: a delay, a loss rate and a link rate set with tc on the lab's
/// underlay, and what the engines measure across it through <c>perfsuite run</c>. This machine's kernel has no
/// sch_netem; UML's has.
/// </summary>
[Trait(UmlGuest.Trait, UmlGuest.Category)]
public sealed class NetemOracleTests(NetemLab lab) : IClassFixture<NetemLab>
{
    /// <summary>UML has one CPU and gets its timer interrupts as host signals, on a host whose 2 cores are shared:
    /// the wake-ups netem's 1 ms timers and the blocked processes need cost it tens to hundreds of microseconds
    /// that the busy no-delay baseline does not pay (measured: +156 and +311 µs on top of the 2 ms).</summary>
    private const double UmlWakeupAllowanceUs = 500;

    [Fact]
    public void Netem_delay_of_1ms_each_way_on_the_underlay_raises_tcp_rr_p50_by_2ms()
    {
        // Given the wire as it is
        UmlGuest.Require();
        NetemLab.ClearQdiscs();
        var baseline = P50Us(lab.Measure("tcp-rr", "1s"));

        // When every packet waits 1 ms on each node's underlay (request one way, response the other)
        double delayed;
        try
        {
            NetemLab.Netem(NetemLab.Node(1), "eth0", "delay", "1ms");
            NetemLab.Netem(NetemLab.Node(2), "eth0", "delay", "1ms");
            delayed = P50Us(lab.Measure("tcp-rr", "1s"));
        }
        finally
        {
            NetemLab.ClearQdiscs();
        }

        // Then: a percentile is the middle of its histogram bucket, off by at most 1/256 of its value
        var resolution = (baseline + delayed) / 256;
        var rise = delayed - baseline;
        Assert.True(delayed >= 2000 - delayed / 256, $"p50 {delayed:F0} µs with 2 ms of netem delay in every round trip");
        Assert.True(Math.Abs(rise - 2000) <= resolution + UmlWakeupAllowanceUs,
            $"p50 rose by {rise:F0} µs ({baseline:F0} → {delayed:F0}); expected 2000 ± {resolution:F0} (histogram) ± {UmlWakeupAllowanceUs:F0} (UML wake-ups)");
    }

    [Fact]
    public void Netem_loss_of_1_percent_on_the_underlay_shows_as_udp_stream_loss_within_its_binomial_interval()
    {
        // Given: the udp-stream sender runs flat out on UML's one CPU beside the receiver, whose socket would overflow
        // and add losses of its own; a deep receive buffer (UML-wide, restored after) keeps every datagram that
        // arrives, so only netem drops.
        UmlGuest.Require();
        NetemLab.ClearQdiscs();
        using var buffers = new SysctlOverride(("net/core/rmem_max", "268435456"), ("net/core/rmem_default", "268435456"));
        var clean = Udp(lab.Measure("udp-stream", "1.5s"));
        Assert.True(clean.LossPercent <= 0.1, $"the setup itself lost {clean.LossPercent:F2} % without netem: the oracle would be meaningless");

        // When
        UdpLoss lossy;
        try
        {
            NetemLab.Netem(NetemLab.Node(1), "eth0", "loss", "1%");
            lossy = Udp(lab.Measure("udp-stream", "1.5s"));
        }
        finally
        {
            NetemLab.ClearQdiscs();
        }

        // Then: each datagram is dropped with p = 0.01 independently; 99.9 % two-sided interval (z = 3.29)
        const double p = 0.01;
        var trials = lossy.Received / (1 - lossy.LossPercent / 100);
        var halfWidth = 3.29 * Math.Sqrt(p * (1 - p) / trials);
        Assert.True(Math.Abs(lossy.LossPercent / 100 - p) <= halfWidth,
            $"measured loss {lossy.LossPercent:F3} % over {trials:F0} datagrams; netem's 1 % allows {100 * (p - halfWidth):F3}..{100 * (p + halfWidth):F3} %");
    }

    [Fact]
    public void Netem_rate_of_20_Mbit_on_the_underlay_holds_tcp_stream_goodput_at_the_ceiling_formula()
    {
        // Given the goodput ceiling of a 20 Mbit/s Ethernet link at MTU 1500 from perfsuite's formula
        UmlGuest.Require();
        NetemLab.ClearQdiscs();
        using var ceilingJson = JsonDocument.Parse(PerfSuiteCli.Run("ceiling", "--line-rate", "20m", "--mtu", "1500", "--format", "json").Succeeded().Stdout);
        var ceiling = ceilingJson.RootElement.GetProperty("datapaths").EnumerateArray()
            .Single(d => d.GetProperty("path").GetString() == NetemLab.Path).GetProperty("goodputBps").GetDouble();

        // When node 1's underlay sends at 20 Mbit/s, each frame costing its 14-byte header (in the packet netem
        // sees) plus 24 (preamble, FCS, inter-frame gap) as on a wire, and the sending pod makes one frame per packet
        // (with TSO or GSO netem would charge those 24 bytes once per 64 KB burst)
        double goodput;
        try
        {
            Shell.Run("ip", "netns", "exec", NetemLab.Pod(1), "ethtool", "-K", "eth0", "tso", "off", "gso", "off");
            NetemLab.Netem(NetemLab.Node(1), "eth0", "rate", "20mbit", "24", "limit", "100");
            goodput = lab.Measure("tcp-stream", "2s").GetProperty("goodputBps").GetDouble();
        }
        finally
        {
            NetemLab.ClearQdiscs();
            Shell.TryRun("ip", "netns", "exec", NetemLab.Pod(1), "ethtool", "-K", "eth0", "tso", "on", "gso", "on");
        }

        // Then: the link is full and nothing beyond the formula gets through (1 %: the window's edges)
        Assert.True(Math.Abs(goodput / ceiling - 1) <= 0.01,
            $"goodput {goodput / 1e6:F3} Mbit/s against the ceiling {ceiling / 1e6:F3} Mbit/s ({100 * goodput / ceiling:F2} %)");
    }

    private static double P50Us(JsonElement metrics) => metrics.GetProperty("latencyUs").GetProperty("p50").GetDouble();

    private static UdpLoss Udp(JsonElement metrics)
    {
        var udp = metrics.GetProperty("udp");
        return new UdpLoss(udp.GetProperty("lossPercent").GetDouble(), udp.GetProperty("datagramsReceived").GetInt64());
    }

    private sealed record UdpLoss(double LossPercent, long Received);

    /// <summary>Sets /proc/sys values and puts the old ones back on dispose.</summary>
    private sealed class SysctlOverride : IDisposable
    {
        private readonly List<(string Path, string Old)> _old = [];

        public SysctlOverride(params (string Key, string Value)[] settings)
        {
            foreach (var (key, value) in settings)
            {
                var path = "/proc/sys/" + key;
                _old.Add((path, File.ReadAllText(path).Trim()));
                File.WriteAllText(path, value.ToString(CultureInfo.InvariantCulture));
            }
        }

        public void Dispose()
        {
            foreach (var (path, old) in Enumerable.Reverse(_old))
                File.WriteAllText(path, old);
        }
    }
}
