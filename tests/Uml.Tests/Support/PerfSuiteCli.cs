using System.Diagnostics;

namespace PerfSuite.Uml.Tests.Support;

/// <summary>The built CLI (src/Cli/bin/Release/net10.0/PerfSuite.Cli.dll) run as its own process, black-box through
/// its command line, so these tests hold whatever the code behind it becomes.</summary>
internal static class PerfSuiteCli
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(2);

    public static CliRun Run(params string[] args) => Run(DefaultTimeout, args);

    public static CliRun Run(TimeSpan timeout, params string[] args)
    {
        var psi = BuiltCli.StartInfo(args);
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            throw new TimeoutException($"perfsuite {string.Join(' ', args)} did not finish in {timeout.TotalSeconds} s: {stderr.Result}");
        }
        return new CliRun(string.Join(' ', args), process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>The network namespaces that exist (ip netns list), for "nothing is left" checks.</summary>
    public static IReadOnlyList<string> Namespaces() =>
        Shell.Run("ip", "netns", "list").Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' ')[0]).ToList();
}

internal sealed record CliRun(string Command, int ExitCode, string Stdout, string Stderr)
{
    /// <summary>Fails with everything the command printed unless it exited 0.</summary>
    public CliRun Succeeded()
    {
        Assert.True(ExitCode == 0, $"perfsuite {Command} exited {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}");
        return this;
    }
}
