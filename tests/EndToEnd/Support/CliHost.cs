using PerfSuite.Cli;

namespace PerfSuite.EndToEnd.Tests.Support;

/// <summary>Runs the real command tree in-process, capturing what it prints.</summary>
internal static class CliHost
{
    public static async Task<CliResult> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await PerfSuiteApp.RunAsync(args, stdout, stderr);
        return new CliResult(code, stdout.ToString(), stderr.ToString());
    }
}

internal sealed record CliResult(int ExitCode, string Stdout, string Stderr);
