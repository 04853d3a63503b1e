using PerfSuite.Probe;

namespace PerfSuite.LoadGen.Lab;

/// <summary>Whether the running kernel has a module, loaded, built in or loadable, read from /sys/module and the
/// module index of the running release. Only for explaining why a path is skipped: building is the real test.</summary>
internal static class KernelModules
{
    private static readonly string[] IndexFiles = ["modules.builtin", "modules.dep"];

    public static bool IsAvailable(string module)
    {
        if (Directory.Exists(Path.Combine(SystemPaths.SysModule, module)))
            return true;
        try
        {
            var release = File.ReadAllText(SystemPaths.KernelRelease).Trim();
            var directory = Path.Combine(LabPaths.LibModules, release);
            var entry = $"/{module}.ko";
            return IndexFiles
                .Select(f => Path.Combine(directory, f))
                .Where(File.Exists)
                .Any(f => File.ReadLines(f).Any(l => l.Split(':')[0].Contains(entry, StringComparison.Ordinal)));
        }
        catch (IOException)
        {
            return false;
        }
    }
}
