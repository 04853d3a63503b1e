using System.Diagnostics;

namespace PerfSuite.EndToEnd.Tests.Support;

/// <summary>Runs the real <c>perfsuite</c> program as a child process, capturing what it prints: the native binary
/// when <c>$PERFSUITE_EXECUTABLE</c> names it (as <c>./run-tests</c> does), else the JIT build (see
/// <see cref="BuiltCli"/>).</summary>
internal static class CliHost
{
    public static Task<CliResult> RunAsync(params string[] args) => RunAsync(BuiltCli.StartInfo(args));

    /// <summary><c>perfsuite ARGS</c> with <paramref name="environment"/> added to (or replacing values of) the test's.</summary>
    public static Task<CliResult> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var psi = BuiltCli.StartInfo(args);
        foreach (var (name, value) in environment)
            psi.Environment[name] = value;
        return RunAsync(psi);
    }

    private static async Task<CliResult> RunAsync(ProcessStartInfo psi)
    {
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return new CliResult(process.ExitCode, await stdout, await stderr);
    }
}

internal sealed record CliResult(int ExitCode, string Stdout, string Stderr);
