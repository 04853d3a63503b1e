using System.Globalization;
using System.Reflection;
using PerfSuite.Kernel;
using PerfSuite.Model.Probe;
using PerfSuite.Model.Results;

namespace PerfSuite.Probe.Host;

/// <summary>What a results file records about the machine it was measured on, so that a gate can refuse to
/// compare runs whose environments differ without saying so.</summary>
public static class RunEnvironmentReader
{
    /// <summary>The sysctls that change what a pod network delivers (the tuned network-throughput profile's set,
    /// plus congestion control and qdisc).</summary>
    public static readonly IReadOnlyList<string> Sysctls =
    [
        "net/core/rmem_max", "net/core/wmem_max", "net/core/rmem_default", "net/core/wmem_default",
        "net/core/netdev_max_backlog", "net/core/default_qdisc", "net/ipv4/tcp_rmem", "net/ipv4/tcp_wmem",
        "net/ipv4/tcp_congestion_control", "net/ipv4/tcp_slow_start_after_idle", "net/ipv4/tcp_notsent_lowat",
        "net/ipv4/tcp_timestamps", "net/ipv4/tcp_mtu_probing",
    ];

    public static RunEnvironment Read(IReadOnlyList<ProbeDocument> probes) => new(
        Hostname: ReadTrimmed(SystemPaths.Hostname) ?? Environment.MachineName,
        Kernel: ReadTrimmed(SystemPaths.KernelRelease) ?? Environment.OSVersion.VersionString,
        CpuModel: CpuModel(File.Exists(SystemPaths.ProcCpuinfo) ? File.ReadAllText(SystemPaths.ProcCpuinfo) : ""),
        CpuCount: Environment.ProcessorCount,
        MemoryBytes: MemoryBytes(File.Exists(SystemPaths.ProcMeminfo) ? File.ReadAllText(SystemPaths.ProcMeminfo) : ""),
        Tool: ToolVersion,
        Sysctls: ReadSysctls(),
        Probe: probes);

    public static string ToolVersion { get; } = "perfsuite " +
        (typeof(RunEnvironmentReader).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? typeof(RunEnvironmentReader).Assembly.GetName().Version?.ToString() ?? "unknown");

    /// <summary>The first "model name" of /proc/cpuinfo (x86), else "Hardware"/"CPU part" lines (arm), else unknown.</summary>
    public static string CpuModel(string cpuinfo)
    {
        foreach (var key in new[] { "model name", "Hardware", "cpu model", "CPU part" })
        {
            foreach (var line in cpuinfo.Split('\n'))
            {
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0 && line[..colon].Trim() == key)
                    return line[(colon + 1)..].Trim();
            }
        }
        return "unknown";
    }

    /// <summary>MemTotal of /proc/meminfo, in bytes (0 when absent).</summary>
    public static long MemoryBytes(string meminfo)
    {
        foreach (var line in meminfo.Split('\n'))
        {
            if (!line.StartsWith("MemTotal:", StringComparison.Ordinal))
                continue;
            var parts = line["MemTotal:".Length..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length > 0 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var kb))
                return kb * 1024;
        }
        return 0;
    }

    private static Dictionary<string, string> ReadSysctls()
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in Sysctls)
        {
            if (ReadTrimmed(Path.Combine(SystemPaths.ProcSys, name)) is { } value)
                values[name.Replace('/', '.')] = string.Join(' ', value.Split((char[])['\t', ' '], StringSplitOptions.RemoveEmptyEntries));
        }
        return values;
    }

    private static string? ReadTrimmed(string path)
    {
        try
        {
            return File.ReadAllText(path).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
