using System.Diagnostics;

namespace PerfSuite.EndToEnd.Tests.Support;

/// <summary>Runs the real <c>perfsuite</c> program as a child process, capturing what it prints: the native binary
/// when <c>$PERFSUITE_EXECUTABLE</c> names it (as <c>./run-tests</c> does), else the JIT build (see
/// <see cref="BuiltCli"/>).</summary>
internal static class CliHost
{
    public static async Task<CliResult> RunAsync(params string[] args)
    {
        using var process = Process.Start(BuiltCli.StartInfo(args))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return new CliResult(process.ExitCode, await stdout, await stderr);
    }
}

internal sealed record CliResult(int ExitCode, string Stdout, string Stderr);
