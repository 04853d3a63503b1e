using PerfSuite.Model.Errors;

namespace PerfSuite.Kernel.Processes;

/// <summary>Waits for a process that is not the caller's child to end: an agent watches the runner that started it, so
/// a runner killed by SIGKILL (which runs no cleanup) leaves no agent behind. A pidfd (pidfd_open(2)) wakes the waiter
/// at once; kernels without one (before 5.3) are polled through the process's /proc identity.</summary>
public static class ProcessExitWatch
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    /// <summary>Completes when <paramref name="process"/> has ended (at once when it already has, or when its pid now
    /// belongs to a later process); cancelled with <paramref name="cancel"/>.</summary>
    public static Task WhenEndedAsync(ProcessIdentity process, CancellationToken cancel)
    {
        FileDescriptorHandle? pidfd;
        try
        {
            pidfd = Interop.OpenPidfd(process.Pid);
        }
        catch (ErrnoException e) when (e.Errno is LinuxErrno.ENOSYS or LinuxErrno.EPERM)
        {
            return PollAsync(process, cancel);
        }
        if (pidfd is null)
            return Task.CompletedTask;
        // The pidfd names whichever process holds the pid now; it is the watched one only if the start time still
        // matches after the descriptor exists (a pid reused before that is not the owner, who is then gone).
        if (!process.IsAlive)
        {
            pidfd.Dispose();
            return Task.CompletedTask;
        }
        var ended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var wake = Interop.CreateEventFd();
        var thread = new Thread(() =>
        {
            try
            {
                bool exited;
                using (cancel.Register(() => Interop.SignalEventFd(wake)))
                    exited = Interop.WaitReady(pidfd, forWrite: false, wake, $"waiting for process {process.Pid} to end");
                if (exited)
                    ended.TrySetResult();
                else
                    ended.TrySetCanceled(cancel);
            }
            catch (Exception e) when (e is PerfSuiteException)
            {
                ended.TrySetException(e);
            }
            finally
            {
                pidfd.Dispose();
                wake.Dispose();
            }
        })
        {
            IsBackground = true,
            Name = $"watch process {process.Pid}",
        };
        thread.Start();
        return ended.Task;
    }

    private static async Task PollAsync(ProcessIdentity process, CancellationToken cancel)
    {
        using var timer = new PeriodicTimer(PollInterval);
        while (process.IsAlive)
            await timer.WaitForNextTickAsync(cancel);
    }
}
