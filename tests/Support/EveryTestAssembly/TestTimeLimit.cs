using System.Collections.Concurrent;
using System.Reflection;
using Xunit.v3;

[assembly: PerfSuite.Tests.TestTimeLimit]

namespace PerfSuite.Tests;

/// <summary>
/// No test can hang CI. xunit v3 enforces <c>[Fact(Timeout = ms)]</c> only for async tests, and only by abandoning the
/// test's task; a synchronous test blocked in a read or a wait cannot be stopped from outside at all. So every test
/// of this assembly (this attribute is on the assembly, compiled into every test project by Directory.Build.props)
/// runs under a watch: when it is still running after its limit — its own Timeout plus a grace, or
/// <see cref="DefaultLimit"/> when it has none — the watch names it on stderr and ends the test process with exit code
/// 124 (as timeout(1) does). The runner then prints no summary, which <c>./run-tests</c> counts as a failure.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly)]
internal sealed class TestTimeLimitAttribute : BeforeAfterTestAttribute
{
    /// <summary>Far above the slowest test (a lab run across every datapath, a UML boot: about 2 minutes on 2 loaded
    /// cores); a test needing more says so with its Timeout.</summary>
    public static readonly TimeSpan DefaultLimit = TimeSpan.FromMinutes(10);

    /// <summary>What xunit's own Timeout of an async test gets before the watch steps in.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(30);

    public const int ExitCode = 124;

    private readonly ConcurrentDictionary<IXunitTest, TestWatch> _running = new(ReferenceEqualityComparer.Instance);

    public override void Before(MethodInfo methodUnderTest, IXunitTest test)
    {
        var limit = test.Timeout > 0 ? TimeSpan.FromMilliseconds(test.Timeout) + Grace : DefaultLimit;
        _running[test] = new TestWatch(test.TestDisplayName, limit, Expire);
    }

    public override void After(MethodInfo methodUnderTest, IXunitTest test)
    {
        if (_running.TryRemove(test, out var watch))
            watch.Dispose();
    }

    private static void Expire(string test, TimeSpan limit)
    {
        Console.Error.WriteLine($"TEST TIME LIMIT: '{test}' still runs after {limit.TotalMinutes:0.#} min; ending the test process (exit {ExitCode}) so CI does not hang");
        Console.Error.Flush();
        Environment.Exit(ExitCode);
    }
}

/// <summary>One running test's limit: calls its expiry action (with the test's name and its limit) unless disposed
/// before the limit has passed.</summary>
internal sealed class TestWatch : IDisposable
{
    private readonly Timer _timer;

    public TestWatch(string test, TimeSpan limit, Action<string, TimeSpan> expired)
    {
        _timer = new Timer(_ => expired(test, limit), null, limit, Timeout.InfiniteTimeSpan);
    }

    public void Dispose() => _timer.Dispose();
}
