using System.Globalization;
using System.Text.Json;
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
    /// each netem timer fires late, by tens to a couple of hundred microseconds, and by milliseconds when the host
    /// deschedules UML (measured, p50 of tcp-rr: adding 1 ms each way on top of 1 ms raised it by 1925 to 2138 µs on a
    /// quiet host; in a whole-suite run on a loaded one, 1 ms each way read 6668 and 5784 µs). Lateness only ever adds,
    /// so the fastest transaction of a window (its exact minimum, ~400 of them a second) keeps the least of it.</summary>
    private const double UmlTimerAllowanceUs = 400;

    [Fact]
    public void Netem_delay_of_1ms_each_way_on_the_underlay_raises_tcp_rr_latency_by_2ms()
    {
        // Given the wire as it is, and with 1 ms of netem delay on each node's underlay (request one way, response
        // the other)
        UmlGuest.Require();
        Latency none;
        var pairs = new List<(Latency OneMs, Latency TwoMs)>();
        try
        {
            NetemLab.ClearQdiscs();
            none = LatencyUs(lab.Measure("tcp-rr", "1s"));

            // When 1 ms more is added each way; twice, interleaved, so that an error of the engine shows in both
            // pairs and the host's interference rarely twice.
            for (var i = 0; i < 2; i++)
            {
                DelayBothWays("1ms");
                var oneMs = LatencyUs(lab.Measure("tcp-rr", "1s"));
                DelayBothWays("2ms");
                pairs.Add((oneMs, LatencyUs(lab.Measure("tcp-rr", "1s"))));
            }
        }
        finally
        {
            NetemLab.ClearQdiscs();
        }

        // Then no transaction is faster than the delay netem imposes on every round trip (the minimum is exact; a
        // percentile is the middle of its histogram bucket, off by at most 1/256 of its value), and the fastest
        // transaction rises by the 2 ms added. The rise from no netem at all is shown, not checked: without netem the
        // client and server never sleep, with it they do, and UML pays hundreds of microseconds per wake-up.
        TestContext.Current.TestOutputHelper?.WriteLine($"tcp-rr min/p50: {none} µs without netem; "
            + string.Join("; ", pairs.Select(p => $"{p.OneMs} µs with 1 ms each way, {p.TwoMs} µs with 2 ms (min +{p.TwoMs.Min - p.OneMs.Min:F0})")));
        foreach (var (oneMs, twoMs) in pairs)
        {
            Assert.True(oneMs.Min >= 2000, $"a transaction took {oneMs.Min:F0} µs when every round trip waits 2 ms in netem");
            Assert.True(oneMs.P50 >= 2000 - oneMs.P50 / 256, $"p50 {oneMs.P50:F0} µs when every round trip waits 2 ms in netem");
            Assert.True(twoMs.Min >= 4000, $"a transaction took {twoMs.Min:F0} µs when every round trip waits 4 ms in netem");
            Assert.True(twoMs.P50 >= 4000 - twoMs.P50 / 256, $"p50 {twoMs.P50:F0} µs when every round trip waits 4 ms in netem");
        }
        var best = pairs.MinBy(p => Math.Abs(p.TwoMs.Min - p.OneMs.Min - 2000));
        var rise = best.TwoMs.Min - best.OneMs.Min;
        Assert.True(Math.Abs(rise - 2000) <= UmlTimerAllowanceUs,
            $"the fastest transaction rose by {rise:F0} µs ({best.OneMs.Min:F0} → {best.TwoMs.Min:F0}) in the closer of two pairs; expected 2000 ± {UmlTimerAllowanceUs:F0} (UML timers)");
    }

    /// <summary>A window's fastest transaction and its median, in µs.</summary>
    private readonly record struct Latency(double Min, double P50)
    {
        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Min:F0}/{P50:F0}");
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
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"udp-stream loss {clean.LossPercent:F3} % without netem, {lossy.LossPercent:F3} % with netem loss 1 % over {trials:F0} datagrams (interval ±{100 * halfWidth:F3} %)");
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
        JsonElement metrics;
        try
        {
            Shell.Run("ip", "netns", "exec", NetemLab.Pod(1), "ethtool", "-K", "eth0", "tso", "off", "gso", "off");
            NetemLab.Netem(NetemLab.Node(1), "eth0", "rate", "20mbit", "24");
            metrics = lab.Measure("tcp-stream", "2s");
        }
        finally
        {
            NetemLab.ClearQdiscs();
            Shell.TryRun("ip", "netns", "exec", NetemLab.Pod(1), "ethtool", "-K", "eth0", "tso", "on", "gso", "on");
        }

        // Then nothing beyond the formula gets through (1 %: the window's edges) — the oracle — and the link was kept
        // full: the window's goodput or its median 100 ms interval is within 3 % of the ceiling. Either alone can fall
        // lower on a VM whose hypervisor steals time: when the host deschedules UML, netem's clock runs on and that
        // time is lost to the link (seen: goodput 5 % low at load 25 with the median at the ceiling; the median 2.8 %
        // low with goodput at it), and single intervals after a pause run above the rate, so no interval statistic
        // is held to 2 %. For the same reason either can also read high: a pause during the warm-up is made up by a
        // burst inside the window (seen: goodput 19.079 against 18.830, +1.3 %, with the median at +0.3 %), so the
        // upper bound holds the lower of the two — a formula 1.6 % low (the preamble and gap left out) still fails it.
        var goodput = metrics.GetProperty("goodputBps").GetDouble();
        var intervals = metrics.GetProperty("timeline").EnumerateArray().Select(t => t.GetProperty("bps").GetDouble()).Order().ToList();
        var median = intervals[intervals.Count / 2];
        var message = $"goodput {goodput / 1e6:F3} Mbit/s, median 100 ms interval {median / 1e6:F3} Mbit/s, ceiling {ceiling / 1e6:F3} Mbit/s";
        TestContext.Current.TestOutputHelper?.WriteLine(message);
        Assert.True(Math.Min(goodput, median) <= ceiling * 1.01, message);
        Assert.True(Math.Max(goodput, median) >= ceiling * 0.97, message);
    }

    private static void DelayBothWays(string delay)
    {
        NetemLab.Netem(NetemLab.Node(1), "eth0", "delay", delay);
        NetemLab.Netem(NetemLab.Node(2), "eth0", "delay", delay);
    }

    private static Latency LatencyUs(JsonElement metrics)
    {
        var latency = metrics.GetProperty("latencyUs");
        return new Latency(latency.GetProperty("min").GetDouble(), latency.GetProperty("p50").GetDouble());
    }

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
