using System.Diagnostics;
using PerfSuite.Kernel.Namespaces;
using PerfSuite.Kernel.Processes;
using PerfSuite.Model.Errors;

namespace PerfSuite.LoadGen.Agent;

/// <summary>
/// A <c>perfsuite agent</c> process born inside a network namespace, or in the caller's own (so its own rusage is
/// the application's share of the CPU), serving the control protocol on a Unix socket, with a connected
/// <see cref="AgentClient"/>. Disposing shuts it down politely, then by signal.
/// </summary>
public sealed class AgentProcess : IAsyncDisposable
{
    public const string ReadyPrefix = "perfsuite agent listening on ";
    public const string ControlDirectory = "/run/perfsuite/agents";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly Process _process;

    private AgentProcess(Process process, AgentClient client, string? netns, string controlPath)
    {
        _process = process;
        Client = client;
        Namespace = netns;
        ControlPath = controlPath;
    }

    public AgentClient Client { get; }

    /// <summary>Null for the caller's own namespace.</summary>
    public string? Namespace { get; }

    public string ControlPath { get; }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Starts an agent in <paramref name="netns"/> (null: the caller's own namespace) serving on
    /// <paramref name="controlPath"/>, by default <c>/run/perfsuite/agents/NETNS.sock</c> (a namespace's agent is unique).
    /// <paramref name="started"/> gets its pid the moment it exists, before the agent is ready: the place to record it
    /// (<c>ILabProcessLedger.Record</c>), so that no moment passes in which it runs unrecorded.</summary>
    public static async Task<AgentProcess> StartAsync(string? netns, CancellationToken cancel, PerfSuiteExecutable? executable = null,
        string? controlPath = null, Action<int>? started = null)
    {
        executable ??= PerfSuiteExecutable.Locate();
        if (controlPath is null)
        {
            if (netns is null)
                throw new ArgumentException("an agent in the caller's own namespace needs a control path of its own", nameof(controlPath));
            Directory.CreateDirectory(ControlDirectory);
            controlPath = Path.Combine(ControlDirectory, $"{netns}.sock");
        }
        var where = netns ?? NetworkNamespace.HostName;
        File.Delete(controlPath); // left by an agent that was killed; binding would fail on it
        var psi = new ProcessStartInfo(executable.FileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
        };
        foreach (var argument in executable.LeadingArguments)
            psi.ArgumentList.Add(argument);
        // --owner: a caller killed by SIGKILL runs no cleanup, so the agent watches it and exits on its own.
        foreach (var argument in netns is null ? ["agent", "--control", controlPath] : new[] { "agent", "--netns", netns, "--control", controlPath })
            psi.ArgumentList.Add(argument);
        psi.ArgumentList.Add("--owner");
        psi.ArgumentList.Add(ProcessIdentity.Current.ToArgument());
        var process = NetworkNamespace.StartProcess(netns, psi);
        try
        {
            started?.Invoke(process.Id);
            var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancel);
            timeout.CancelAfter(StartTimeout);
            string? line;
            try
            {
                line = await process.StandardOutput.ReadLineAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
            {
                throw new PerfSuiteException(ErrorReason.Timeout, $"the agent in {where} did not start within {StartTimeout.TotalSeconds:0} s");
            }
            if (line is null || !line.StartsWith(ReadyPrefix, StringComparison.Ordinal))
            {
                await process.WaitForExitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5), CancellationToken.None);
                var reason = (await stderr).Trim();
                throw new PerfSuiteException(ErrorReason.Failed,
                    $"the agent in {where} did not start: {(reason.Length > 0 ? reason : line ?? "it exited")}");
            }
            // Keep draining stdout so the agent never blocks on a full pipe.
            _ = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
            var client = await AgentClient.ConnectUnixAsync(controlPath, TimeSpan.FromSeconds(10), cancel);
            return new AgentProcess(process, client, netns, controlPath);
        }
        catch
        {
            await ProcessTermination.TerminateAsync(process, TimeSpan.FromSeconds(2));
            process.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
                await Client.ShutdownAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(3));
        }
        catch (Exception e) when (e is PerfSuiteException or TimeoutException or IOException or ObjectDisposedException)
        {
            // A dead or stuck agent is stopped by signal below.
        }
        await Client.DisposeAsync();
        await ProcessTermination.TerminateAsync(_process, TimeSpan.FromSeconds(3));
        _process.Dispose();
        File.Delete(ControlPath);
    }
}
