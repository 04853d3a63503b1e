using System.Diagnostics;
using System.Text;
using PerfSuite.Kernel.Proc;

namespace PerfSuite.Kernel.Processes;

/// <summary>
/// Stops processes: SIGTERM first so they can clean up after themselves (remove their devices and sockets; wireguard-go
/// its UAPI socket), SIGKILL after a grace period. Works for a child (a <see cref="Process"/> this process started)
/// and, for cleaning up after a crashed run, for a recorded process: a <see cref="ProcessIdentity"/> (pid and start
/// time) or a pid whose command line is checked first, so a reused pid is never signalled.
/// </summary>
public static class ProcessTermination
{
    public const int SigTerm = 15;
    public const int SigKill = 9;

    public static readonly TimeSpan DefaultGrace = TimeSpan.FromSeconds(5);

    /// <summary>Terminates a child process and waits until it has exited (and is reaped).</summary>
    public static async Task TerminateAsync(Process process, TimeSpan grace)
    {
        if (process.HasExited)
            return;
        _ = Interop.SendSignal(process.Id, SigTerm);
        using (var timeout = new CancellationTokenSource(grace))
        {
            try
            {
                await process.WaitForExitAsync(timeout.Token);
                return;
            }
            catch (OperationCanceledException)
            {
            }
        }
        process.Kill(entireProcessTree: false);
        await process.WaitForExitAsync();
    }

    /// <summary>Terminates <paramref name="process"/> if it is still the process recorded (same pid and start time)
    /// and waits until it is gone or, after SIGKILL, up to <paramref name="grace"/> more.</summary>
    public static void Terminate(ProcessIdentity process, TimeSpan grace)
    {
        if (!process.IsAlive || !Interop.SendSignal(process.Pid, SigTerm))
            return;
        if (WaitUntilGone(process, grace))
            return;
        if (process.IsAlive)
            _ = Interop.SendSignal(process.Pid, SigKill);
    }

    /// <summary>
    /// Terminates process <paramref name="pid"/> if its command line contains every one of
    /// <paramref name="commandLineTokens"/> (as whole arguments), and waits until it is gone. Returns false when no
    /// such process was running.
    /// </summary>
    public static async Task<bool> TerminateAsync(int pid, IReadOnlyList<string> commandLineTokens, TimeSpan grace)
    {
        if (!CommandLineMatches(pid, commandLineTokens))
            return false;
        if (!Interop.SendSignal(pid, SigTerm))
            return false;
        var deadline = Stopwatch.StartNew();
        while (IsRunning(pid))
        {
            if (deadline.Elapsed > grace)
            {
                _ = Interop.SendSignal(pid, SigKill);
                deadline.Restart();
                grace = TimeSpan.FromSeconds(5);
            }
            await Task.Delay(20);
        }
        return true;
    }

    /// <summary>The arguments of a running process from /proc/PID/cmdline, or null when it is gone.</summary>
    public static IReadOnlyList<string>? CommandLine(int pid)
    {
        try
        {
            var bytes = File.ReadAllBytes($"/proc/{pid}/cmdline");
            return Encoding.UTF8.GetString(bytes).Split('\0', StringSplitOptions.RemoveEmptyEntries);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    public static bool CommandLineMatches(int pid, IReadOnlyList<string> tokens) =>
        CommandLine(pid) is { Count: > 0 } arguments && tokens.All(arguments.Contains);

    /// <summary>True while the process exists and is not a zombie waiting for its parent.</summary>
    public static bool IsRunning(int pid) => ProcPidStatParser.Read(pid) is { IsZombie: false };

    private static bool WaitUntilGone(ProcessIdentity process, TimeSpan grace)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < grace)
        {
            if (!process.IsAlive || !IsRunning(process.Pid))
                return true;
            Thread.Sleep(10);
        }
        return false;
    }
}
