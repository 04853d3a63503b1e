using System.Diagnostics;
using PerfSuite.Kernel.Processes;

namespace PerfSuite.Kernel.Tests.Processes;

public sealed class ProcessExitWatchTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_watch_completes_when_the_process_is_killed_and_not_before()
    {
        // Given a live process and a watch on it
        using var process = Process.Start("sleep", "600");
        try
        {
            var identity = ProcessIdentity.Of(process.Id)!;
            var ended = ProcessExitWatch.WhenEndedAsync(identity, Cancel);
            await Task.Delay(TimeSpan.FromMilliseconds(300), Cancel);
            Assert.False(ended.IsCompleted);

            // When it is killed with SIGKILL
            process.Kill();

            // Then the watch completes (the bound only catches a hang)
            await ended.WaitAsync(TimeSpan.FromSeconds(30), Cancel);
            Assert.True(ended.IsCompletedSuccessfully);
        }
        finally
        {
            if (!process.HasExited)
                process.Kill();
        }
    }

    [Fact]
    public async Task A_pid_now_held_by_a_later_process_counts_as_ended()
    {
        // Given this process's pid with a start time it does not have (as after pid reuse)
        var stale = ProcessIdentity.Current with { StartTime = ProcessIdentity.Current.StartTime + 1 };

        // When it is watched, then the watch is complete at once
        await ProcessExitWatch.WhenEndedAsync(stale, Cancel).WaitAsync(TimeSpan.FromSeconds(10), Cancel);
    }

    [Fact]
    public async Task Cancelling_the_watch_of_a_live_process_ends_it_as_cancelled()
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        var ended = ProcessExitWatch.WhenEndedAsync(ProcessIdentity.Current, stop.Token);

        await stop.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ended.WaitAsync(TimeSpan.FromSeconds(10), Cancel));
    }

    [Theory]
    [InlineData("12:345", 12, 345L)]
    [InlineData("1:0", 1, 0L)]
    public void An_identity_round_trips_through_its_argument_form(string text, int pid, long start)
    {
        var identity = ProcessIdentity.TryParse(text);
        Assert.Equal(new ProcessIdentity(pid, start), identity);
        Assert.Equal(text, identity!.ToArgument());
    }

    [Theory]
    [InlineData("")]
    [InlineData("12")]
    [InlineData(":5")]
    [InlineData("0:5")]
    [InlineData("12:-5")]
    [InlineData(" 12:5")]
    [InlineData("12:5x")]
    public void Anything_else_is_not_an_identity(string text) => Assert.Null(ProcessIdentity.TryParse(text));
}
