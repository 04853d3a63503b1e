namespace PerfSuite.LoadGen;

/// <summary>Every file-system path LoadGen reads or writes, in one place.</summary>
public static class LabPaths
{
    /// <summary>Per-namespace sysctls: which namespace a file answers for is decided by the thread that opens it.</summary>
    public const string ProcSys = "/proc/sys";

    /// <summary>One JSON state document per lab, so a later run can remove what a dead one left.</summary>
    public const string LabStateDirectory = "/run/perfsuite/labs";

    /// <summary>Where wireguard-go (and wg) put the UAPI socket of each interface: <c>NAME.sock</c>. The directory
    /// is shared by every namespace, which is why lab WireGuard interface names carry the lab's name.</summary>
    public const string WireguardSocketDirectory = "/var/run/wireguard";

    /// <summary>Loaded and built-in modules, one directory each.</summary>
    public const string SysModule = "/sys/module";

    public const string KernelRelease = "/proc/sys/kernel/osrelease";

    /// <summary>Module trees per kernel release, with their index files (modules.dep, modules.builtin).</summary>
    public const string LibModules = "/lib/modules";

    /// <summary>The start time of a process (field 22 of /proc/PID/stat), to tell a recorded pid from a reused one.</summary>
    public static string ProcessStat(int pid) => $"/proc/{pid}/stat";
}
