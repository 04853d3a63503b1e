using System.Diagnostics;
using System.Text;
using PerfSuite.Kernel;

namespace PerfSuite.Kernel.Processes;

/// <summary>
/// Stops the long-running processes of tunnels: SIGTERM first so they remove their devices and sockets, SIGKILL
/// after a grace period. Works for a child (a <see cref="Process"/> this process started) and, for cleaning up after
/// a crashed run, for a recorded pid whose command line is checked first so a reused pid is never signalled.
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
    public static bool IsRunning(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return false;
        }
        // The state follows the parenthesised command name, which may itself contain ") ".
        var close = stat.LastIndexOf(')');
        return close < 0 || close + 2 >= stat.Length || stat[close + 2] != 'Z';
    }
}
