using PerfSuite.Kernel.Namespaces;
using PerfSuite.Model.Errors;

namespace PerfSuite.Kernel.Sysctl;

/// <summary>
/// Reads and writes sysctls of one network namespace. <c>/proc/sys/net</c> answers for the namespace of the thread
/// that opens the file, so the files are opened on a thread inside the namespace
/// (<see cref="NetworkNamespace.Run{T}"/>); the caller's own namespace is never touched.
/// </summary>
public static class NamespaceSysctl
{
    /// <summary>Writes each (key, value), key in dotted form (<c>net.ipv4.ip_forward</c>), in one visit.</summary>
    public static void Write(string? netns, params (string Key, string Value)[] settings) =>
        NetworkNamespace.Run(netns, () => WriteInCurrentNamespace(netns, settings));

    /// <summary>Writes each (key, value) for the namespace the calling thread is in (named in messages as
    /// <paramref name="netnsLabel"/>), for code already running inside one.</summary>
    public static void WriteInCurrentNamespace(string? netnsLabel, params (string Key, string Value)[] settings)
    {
        foreach (var (key, value) in settings)
            Access(netnsLabel, key, "setting", path =>
            {
                File.WriteAllText(path, value);
                return true;
            });
    }

    /// <summary>Reads <paramref name="keys"/> in one visit: each value (null when this kernel, or this namespace,
    /// has no such sysctl) and whether its file can be written. Non-initial namespaces show some host-wide
    /// sysctls read-only (net.core.rmem_max and wmem_max on recent kernels); the mode bits say so, whatever
    /// the caller's capabilities, because sysctl permission checks look only at them.</summary>
    public static IReadOnlyList<SysctlState> ReadStates(string? netns, IReadOnlyList<string> keys) =>
        NetworkNamespace.Run(netns, () => keys.Select(key =>
        {
            var path = PathOf(key);
            if (!File.Exists(path))
                return new SysctlState(key, null, false);
            var value = Access(netns, key, "reading", p => File.ReadAllText(p).Trim());
            var writable = !OperatingSystem.IsWindows()
                && (File.GetUnixFileMode(path) & (UnixFileMode.UserWrite | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) != 0;
            return new SysctlState(key, value, writable);
        }).ToList());

    public static string Read(string? netns, string key) =>
        NetworkNamespace.Run(netns, () => Access(netns, key, "reading", path => File.ReadAllText(path).Trim()));

    public static string PathOf(string key)
    {
        if (key.Length == 0 || key.Contains("..", StringComparison.Ordinal) || key.Contains('/', StringComparison.Ordinal))
            throw new PerfSuiteException(ErrorReason.InvalidArgument, $"'{key}' is not a sysctl name (net.ipv4.ip_forward)");
        return Path.Combine(SystemPaths.ProcSys, key.Replace('.', '/'));
    }

    private static T Access<T>(string? netns, string key, string verb, Func<string, T> body)
    {
        var where = netns ?? NetworkNamespace.HostName;
        try
        {
            return body(PathOf(key));
        }
        catch (FileNotFoundException)
        {
            throw new PerfSuiteException(ErrorReason.NotFound, $"{verb} sysctl {key} in network namespace '{where}': no such sysctl");
        }
        catch (DirectoryNotFoundException)
        {
            throw new PerfSuiteException(ErrorReason.NotFound, $"{verb} sysctl {key} in network namespace '{where}': no such sysctl");
        }
        catch (UnauthorizedAccessException)
        {
            throw new PerfSuiteException(ErrorReason.PermissionDenied, $"{verb} sysctl {key} in network namespace '{where}': permission denied (run as root)");
        }
        catch (IOException e)
        {
            throw new PerfSuiteException(ErrorReason.Io, $"{verb} sysctl {key} in network namespace '{where}': {e.Message}");
        }
    }
}
