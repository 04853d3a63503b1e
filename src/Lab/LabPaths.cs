namespace PerfSuite.Lab;

/// <summary>Every file-system path LoadGen uses outside /proc and /sys (those are in <c>PerfSuite.Probe.SystemPaths</c>).</summary>
public static class LabPaths
{
    /// <summary>The environment variable naming another state directory than <see cref="DefaultStateDirectory"/>: a
    /// lab or fleet agent kept apart from the machine's own (the test suite sets it, so its <c>lab clean</c> never sees
    /// the labs of the person running it). Every perfsuite process a command starts inherits it.</summary>
    public const string StateDirectoryVariable = "PERFSUITE_STATE_DIR";

    /// <summary>The machine-wide state directory. Under /run because a reboot undoes every lab and NIC change.</summary>
    public const string DefaultStateDirectory = "/run/perfsuite";

    /// <summary><c>$PERFSUITE_STATE_DIR</c> when set (made absolute), else <see cref="DefaultStateDirectory"/>.</summary>
    public static string StateDirectory =>
        Environment.GetEnvironmentVariable(StateDirectoryVariable) is { Length: > 0 } named
            ? Path.GetFullPath(named)
            : DefaultStateDirectory;

    /// <summary>One JSON state document per lab, so a later run can remove what a dead one left.</summary>
    public static string LabStateDirectory => Path.Combine(StateDirectory, "labs");

    /// <summary>One journal per fleet agent (<c>perfsuite agent --allow-lab</c>): what it built and the NIC features it
    /// changed.</summary>
    public static string FleetJournalDirectory => Path.Combine(StateDirectory, "fleet");

    /// <summary>Where wireguard-go (and wg) put the UAPI socket of each interface: <c>NAME.sock</c>. The directory
    /// is shared by every namespace, which is why lab WireGuard interface names carry the lab's name.</summary>
    public const string WireguardSocketDirectory = "/var/run/wireguard";

    /// <summary>wireguard-go's output files: a directory only root can enter (0700) under /run, where only root
    /// creates anything, so no other user can plant a link where a log is about to be written.</summary>
    public const string WireguardGoLogDirectory = "/run/perfsuite/wireguard-go";
}
