using System.Diagnostics;

namespace PerfSuite.Tests.Support;

/// <summary>A real <c>perfsuite agent</c> process started from the built CLI, waited for until it prints its ready
/// line, and killed on dispose whatever happened.</summary>
public sealed class AgentProcessUnderTest : IAsyncDisposable
{
    private readonly Process _process;

    private AgentProcessUnderTest(Process process, string readyLine)
    {
        _process = process;
        ReadyLine = readyLine;
    }

    public string ReadyLine { get; }
    public int Pid => _process.Id;
    public bool HasExited => _process.HasExited;
    public int ExitCode => _process.ExitCode;

    public static Task<AgentProcessUnderTest> StartAsync(params string[] args) => StartAsync(new Dictionary<string, string>(), args);

    /// <summary>An agent whose environment adds <paramref name="environment"/> (runtime settings such as
    /// DOTNET_TieredCompilation).</summary>
    public static async Task<AgentProcessUnderTest> StartAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = BuiltCli.StartInfo(["agent", .. args]);
        foreach (var (name, value) in environment)
            start.Environment[name] = value;
        var process = Process.Start(start)!;
        try
        {
            var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(20));
            if (line is null || !line.StartsWith("perfsuite agent listening on ", StringComparison.Ordinal))
            {
                var stderr = await process.StandardError.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(5));
                throw new InvalidOperationException($"agent did not start: {line} {stderr}");
            }
            return new AgentProcessUnderTest(process, line);
        }
        catch
        {
            Kill(process);
            process.Dispose();
            throw;
        }
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        await _process.WaitForExitAsync().WaitAsync(timeout);
        return _process.ExitCode;
    }

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
                process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }
}
