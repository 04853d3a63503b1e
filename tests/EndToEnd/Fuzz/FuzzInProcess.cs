using PerfSuite.Cli;

namespace PerfSuite.EndToEnd.Tests.Fuzz;

/// <summary>The fuzz tests run alone (xunit runs a collection that disables parallelization after every other one):
/// the in-process cases change this process's working directory and crash-log directory while they run.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FuzzCollection
{
    public const string Name = "fuzz";
}

/// <summary>
/// The CLI's entry point (<see cref="PerfSuiteApp.RunAsync"/>) in this process, for the commands that only read the
/// files they are given and write the outputs they are told to (ceiling, report, results recover, gate, compare):
/// thousands of cases in seconds instead of one process each. The working directory and <c>$XDG_STATE_HOME</c> (crash
/// logs) are the sandbox's while a case runs, so relative outputs land in the test's folder too; every case runs on a
/// thread of its own, so one stuck in a synchronous loop still counts as a hang.
/// </summary>
internal static class FuzzInProcess
{
    /// <summary>Commands that are safe to run here: no privilege used, no lab, no traffic, no setting changed.</summary>
    public static readonly IReadOnlySet<string> Commands = new HashSet<string>(StringComparer.Ordinal)
    {
        "ceiling", "report", "results recover", "gate", "compare",
    };

    /// <summary>What the runtime makes of <see cref="BoundaryValues.NotUtf8"/>'s bytes in argv: U+FFFD for each.</summary>
    private const string NotUtf8Decoded = "ps\uFFFD\uFFFD\uFFFDx";

    public static async Task<FuzzOutcome> RunAsync(string[] args, string workingDirectory, string crashLogs, TimeSpan limit)
    {
        args = args.Select(a => a == BoundaryValues.NotUtf8 ? NotUtf8Decoded : a).ToArray();
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var directory = Environment.CurrentDirectory;
        var xdg = Environment.GetEnvironmentVariable("XDG_STATE_HOME");
        Environment.CurrentDirectory = workingDirectory;
        Environment.SetEnvironmentVariable("XDG_STATE_HOME", crashLogs);
        try
        {
            var code = await Task.Run(() => PerfSuiteApp.RunAsync(args, stdout, stderr)).WaitAsync(limit);
            return new FuzzOutcome(code, stdout.ToString(), stderr.ToString(), TimedOut: false);
        }
        catch (TimeoutException)
        {
            return new FuzzOutcome(-1, stdout.ToString(), stderr.ToString(), TimedOut: true);
        }
        finally
        {
            Environment.CurrentDirectory = directory;
            Environment.SetEnvironmentVariable("XDG_STATE_HOME", xdg);
        }
    }
}
