using System.Diagnostics;

namespace PerfSuite.Probe.Tests.Live;

/// <summary>Runs an oracle program (ethtool, ip) and returns what it printed.</summary>
internal static class ExternalCommand
{
    public static (int ExitCode, string Stdout, string Stderr) Run(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr);
    }

    /// <summary>Runs the command and fails the test with its stderr when it fails.</summary>
    public static string Check(string file, params string[] args)
    {
        var (exit, stdout, stderr) = Run(file, args);
        if (exit != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({exit}): {stderr.Trim()}");
        return stdout;
    }
}
