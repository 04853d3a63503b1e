using System.Diagnostics;
using System.Net;
using PerfSuite.Kernel.Namespaces;

namespace PerfSuite.Tests.Support;

/// <summary>The other "host" of a remote-mode test: a real <c>perfsuite agent --listen ADDR:PORT</c> process born in a
/// test namespace, its token passed in <c>$PERFSUITE_TOKEN</c>, its control endpoint read from its ready line, killed
/// on dispose whatever happened.</summary>
public sealed class RemoteAgentUnderTest : IAsyncDisposable
{
    private const string ReadyPrefix = "perfsuite agent listening on tcp:";

    private readonly Process _process;

    private RemoteAgentUnderTest(Process process, IPEndPoint endPoint)
    {
        _process = process;
        EndPoint = endPoint;
    }

    public IPEndPoint EndPoint { get; }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Starts the agent in <paramref name="netns"/> on <paramref name="address"/>:<paramref name="port"/>
    /// (0: the kernel picks one) with <paramref name="extra"/> arguments.</summary>
    public static async Task<RemoteAgentUnderTest> StartAsync(string netns, IPAddress address, string token, int port = 0,
        params string[] extra)
    {
        var psi = BuiltCli.StartInfo(["agent", "--listen", new IPEndPoint(address, port).ToString(), .. extra]);
        psi.Environment["PERFSUITE_TOKEN"] = token;
        var process = NetworkNamespace.StartProcess(netns, psi);
        try
        {
            var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
            if (line is null || !line.StartsWith(ReadyPrefix, StringComparison.Ordinal))
            {
                var stderr = await process.StandardError.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(10));
                throw new InvalidOperationException($"the agent in {netns} did not start: {line} {stderr}");
            }
            _ = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            var endPoint = IPEndPoint.Parse(line[ReadyPrefix.Length..line.IndexOf(' ', ReadyPrefix.Length)]);
            return new RemoteAgentUnderTest(process, endPoint);
        }
        catch
        {
            Kill(process);
            process.Dispose();
            throw;
        }
    }

    /// <summary>SIGTERM, as a service manager stops it; its exit code, or null when it was still running after
    /// <paramref name="timeout"/> (then it is killed).</summary>
    public async Task<int?> StopAsync(TimeSpan timeout)
    {
        Shell.Run("kill", "-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        try
        {
            await _process.WaitForExitAsync().WaitAsync(timeout);
            return _process.ExitCode;
        }
        catch (TimeoutException)
        {
            Kill(_process);
            return null;
        }
    }

    /// <summary>SIGKILL: the agent gets no chance to say goodbye, as when a host crashes or the process is OOM-killed.</summary>
    public void Kill() => Kill(_process);

    public ValueTask DisposeAsync()
    {
        Kill(_process);
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }
}
