namespace PerfSuite.Lab.Tests;

/// <summary>A stall is proven silence — two readings of the receiving device's counter with no packet between them —
/// of at least the limit, inside the span the traffic can still be flowing; silence before the first packet or after
/// the traffic's end is no stall.</summary>
public sealed class StreamStallRuleTests
{
    private static TimeSpan Ms(int milliseconds) => TimeSpan.FromMilliseconds(milliseconds);

    [Fact]
    public void Silence_of_the_limit_inside_the_traffic_span_is_a_stall_and_shorter_silence_is_not()
    {
        var rule = new StreamStallRule(traffic: Ms(10_000));
        Assert.Null(rule.Observe(Ms(0), 100));
        Assert.Null(rule.Observe(Ms(100), 100));
        Assert.Null(rule.Observe(Ms(200), 150)); // the traffic began after 100 ms
        Assert.Null(rule.Observe(Ms(300), 400));
        Assert.Null(rule.Observe(Ms(1200), 400)); // 0.9 s of silence
        Assert.Null(rule.Observe(Ms(1250), 401));
        Assert.Null(rule.Observe(Ms(2200), 401));
        Assert.Equal(Ms(1000), rule.Observe(Ms(2250), 401));
    }

    [Fact]
    public void A_late_reader_proves_silence_from_the_counter_not_from_its_own_delay()
    {
        var rule = new StreamStallRule(traffic: Ms(10_000));
        rule.Observe(Ms(0), 0);
        rule.Observe(Ms(100), 10);
        // the reader was not scheduled for 3 s, but packets arrived meanwhile: no stall
        Assert.Null(rule.Observe(Ms(3100), 5000));
        Assert.Null(rule.Observe(Ms(3200), 5100));
    }

    [Theory]
    [InlineData(2_000, false)] // began at 0.5 s, flows until 2.5 s: silence from 2.0 s is its end (less the margin)
    [InlineData(5_000, true)] // flows until 5.5 s: the same silence is a stall
    public void Silence_after_the_traffic_span_ends_is_the_test_ending_not_a_stall(int trafficMs, bool stall)
    {
        var rule = new StreamStallRule(traffic: Ms(trafficMs));
        rule.Observe(Ms(0), 0);
        rule.Observe(Ms(500), 0);
        rule.Observe(Ms(600), 10);
        rule.Observe(Ms(1500), 30);
        rule.Observe(Ms(2000), 40);
        Assert.Null(rule.Observe(Ms(2300), 40));
        Assert.Equal(stall ? Ms(1500) : null, rule.Observe(Ms(3500), 40));
    }

    [Fact]
    public void Nothing_is_judged_before_the_first_packet()
    {
        var rule = new StreamStallRule(traffic: Ms(10_000));
        for (var t = 0; t < 8000; t += 500)
            Assert.Null(rule.Observe(Ms(t), 42));
    }

    [Fact]
    public void A_test_started_before_the_watch_ends_its_span_that_much_earlier()
    {
        // Started 1.5 s before the first reading, 3 s of traffic: it may end at 1.5 s after the first reading, and
        // the span judged ends 0.3 s before that — silence seen at 1.5 s is no stall.
        var before = new StreamStallRule(traffic: Ms(3000), startedAgo: Ms(1500));
        before.Observe(Ms(0), 1000);
        before.Observe(Ms(50), 1200);
        Assert.Null(before.Observe(Ms(1500), 1200));

        // The same readings from a test started under the watch: a stall
        var under = new StreamStallRule(traffic: Ms(3000));
        under.Observe(Ms(0), 1000);
        under.Observe(Ms(50), 1200);
        Assert.Equal(Ms(1450), under.Observe(Ms(1500), 1200));

        // Started 0.5 s before: its span ends at 2.2 s, so 1.15 s of silence at 1.2 s is a stall
        var shortly = new StreamStallRule(traffic: Ms(3000), startedAgo: Ms(500));
        shortly.Observe(Ms(0), 1000);
        shortly.Observe(Ms(50), 1200);
        Assert.Equal(Ms(1150), shortly.Observe(Ms(1200), 1200));
    }
}
