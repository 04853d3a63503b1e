using System.Diagnostics;
using System.Globalization;
using PerfSuite.Kernel.Namespaces;
using PerfSuite.Lab.State;

namespace PerfSuite.EngineComparison;

/// <summary>A program run inside a lab namespace (iperf3, sockperf): either to completion with its output, or as a
/// server that stays up, is written into the lab's state (so <c>perfsuite lab down</c> ends it whatever happens to
/// this program) and is stopped on dispose.</summary>
public sealed class NamespaceProcess : IDisposable
{
    private readonly Process _process;
    private readonly Task<string> _stdout;
    private readonly Task<string> _stderr;

    private NamespaceProcess(Process process)
    {
        _process = process;
        _stdout = process.StandardOutput.ReadToEndAsync();
        _stderr = process.StandardError.ReadToEndAsync();
    }

    public int Pid => _process.Id;

    public static NamespaceProcess Start(string netns, string program, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        return new NamespaceProcess(NetworkNamespace.StartProcess(netns, start));
    }

    /// <summary>Runs to the end and returns standard output; throws with standard error when it fails.</summary>
    public static async Task<string> RunAsync(string netns, string program, IEnumerable<string> arguments, TimeSpan timeout,
        CancellationToken cancel)
    {
        using var process = Start(netns, program, arguments);
        return await process.OutputAsync(timeout, cancel);
    }

    /// <summary>Waits for the process to end and returns its standard output; throws with standard error when it
    /// failed or did not end within <paramref name="timeout"/>.</summary>
    public async Task<string> OutputAsync(TimeSpan timeout, CancellationToken cancel)
    {
        var program = Path.GetFileName(_process.StartInfo.FileName);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        deadline.CancelAfter(timeout);
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
        {
            throw new TimeoutException($"{program} did not finish within {timeout.TotalSeconds:0} s");
        }
        var stdout = await _stdout;
        if (_process.ExitCode != 0)
        {
            // sockperf says why on standard output, iperf3 on standard error.
            var said = (await _stderr).Trim();
            if (said.Length == 0)
                said = string.Join(" | ", stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).TakeLast(3));
            throw new InvalidOperationException($"{program} failed (exit {_process.ExitCode}): {said}");
        }
        return stdout;
    }

    /// <summary>Starts a server, records it with the lab and waits until it listens on TCP <paramref name="port"/>.</summary>
    public static async Task<NamespaceProcess> StartServerAsync(string netns, string program, IEnumerable<string> arguments, int port,
        LabRecorder lab, CancellationToken cancel)
    {
        var server = Start(netns, program, arguments);
        try
        {
            lab.Record(server.Pid, netns, $"{program} for bench/compare-engines");
            var deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 15;
            while (!server.Listens(port))
            {
                if (server._process.HasExited)
                    throw new InvalidOperationException($"{program} in {netns} exited: {(await server._stderr).Trim()}");
                if (Stopwatch.GetTimestamp() > deadline)
                    throw new TimeoutException($"{program} in {netns} did not listen on port {port} within 15 s");
                await Task.Delay(50, cancel);
            }
            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    /// <summary>True when a socket of this process's namespace listens on <paramref name="port"/>: /proc/PID/net/tcp
    /// lists the sockets of the namespace PID lives in.</summary>
    private bool Listens(int port)
    {
        try
        {
            var hexPort = port.ToString("X4", CultureInfo.InvariantCulture);
            return File.ReadLines($"/proc/{Pid}/net/tcp").Skip(1)
                .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                .Any(fields => fields.Length > 3 && fields[1].EndsWith(":" + hexPort, StringComparison.Ordinal) && fields[3] == "0A");
        }
        catch (IOException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }
        _process.Dispose();
    }
}
