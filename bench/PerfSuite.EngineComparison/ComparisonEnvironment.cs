using System.Diagnostics;
using System.Runtime.InteropServices;

namespace PerfSuite.EngineComparison;

/// <summary>The machine a comparison ran on and how busy it was, for the report.</summary>
public sealed record ComparisonEnvironment(DateTimeOffset StartedUtc, string CpuModel, int Cores, string Kernel, string Runtime,
    string Iperf3Version, string SockperfVersion, string LoadAverageStart, string LoadAverageEnd)
{
    public static ComparisonEnvironment Read()
    {
        var cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))
            ?.Split(':', 2)[1].Trim() ?? "unknown CPU";
        var load = LoadAverage();
        return new ComparisonEnvironment(DateTimeOffset.UtcNow, cpu, Environment.ProcessorCount,
            File.ReadAllText("/proc/sys/kernel/osrelease").Trim(), RuntimeInformation.FrameworkDescription,
            FirstLine("iperf3", "--version"), FirstLine("sockperf", "--version"), load, load);
    }

    /// <summary>The 1, 5 and 15 minute load averages.</summary>
    public static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

    private static string FirstLine(string program, string argument)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(program, argument)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
            var text = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
            process.WaitForExit();
            return text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? program;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return $"{program} (version unknown)";
        }
    }
}
