namespace PerfSuite.Tests.Support;

/// <summary>Waits for something a test caused to become true (a pod Ready, a namespace gone), checking every
/// 250 ms, and fails the test with the failure's words when it has not by the deadline. The deadline
/// bounds a hang; it is no assertion about time.</summary>
public static class Eventually
{
    public static async Task HoldsAsync(Func<Task<bool>> condition, TimeSpan patience, Func<string> failure, CancellationToken cancel)
    {
        var deadline = DateTime.UtcNow + patience;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"not within {patience.TotalSeconds} s: {failure()}");
            await Task.Delay(250, cancel);
        }
    }

    public static Task HoldsAsync(Func<bool> condition, TimeSpan patience, string failure, CancellationToken cancel) =>
        HoldsAsync(() => Task.FromResult(condition()), patience, () => failure, cancel);
}
