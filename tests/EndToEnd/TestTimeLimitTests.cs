using PerfSuite.Tests;

namespace PerfSuite.EndToEnd.Tests;

/// <summary>The watch every test of every test assembly runs under (tests/Support/EveryTestAssembly/TestTimeLimit.cs).</summary>
public sealed class TestTimeLimitTests
{
    [Fact]
    public void A_test_still_running_at_its_limit_is_named_to_the_expiry()
    {
        using var expired = new ManualResetEventSlim();
        string? named = null;

        using var watch = new TestWatch("Some_test", TimeSpan.FromMilliseconds(1), (test, _) =>
        {
            named = test;
            expired.Set();
        });

        Assert.True(expired.Wait(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken), "the watch never expired");
        Assert.Equal("Some_test", named);
    }

    [Fact]
    public void A_test_that_ends_in_time_is_never_expired()
    {
        var expired = false;

        new TestWatch("Quick_test", TimeSpan.FromMilliseconds(200), (_, _) => expired = true).Dispose();
        Thread.Sleep(TimeSpan.FromSeconds(1));

        Assert.False(expired);
    }

    [Fact]
    public void Every_test_of_this_assembly_runs_under_the_watch()
    {
        Assert.Single(typeof(TestTimeLimitTests).Assembly.GetCustomAttributes(typeof(TestTimeLimitAttribute), inherit: false));
    }
}
