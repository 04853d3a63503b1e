namespace PerfSuite.Lab;

/// <summary>Every file-system path LoadGen uses outside /proc and /sys (those are in <c>PerfSuite.Probe.SystemPaths</c>).</summary>
public static class LabPaths
{
    /// <summary>One JSON state document per lab, so a later run can remove what a dead one left.</summary>
    public const string LabStateDirectory = "/run/perfsuite/labs";

    /// <summary>One journal per fleet agent (<c>perfsuite agent --allow-lab</c>): what it built and the NIC features it
    /// changed. Under /run because a reboot undoes both.</summary>
    public const string FleetJournalDirectory = "/run/perfsuite/fleet";

    /// <summary>Where wireguard-go (and wg) put the UAPI socket of each interface: <c>NAME.sock</c>. The directory
    /// is shared by every namespace, which is why lab WireGuard interface names carry the lab's name.</summary>
    public const string WireguardSocketDirectory = "/var/run/wireguard";

    /// <summary>wireguard-go's output files: a directory only root can enter (0700) under /run, where only root
    /// creates anything, so no other user can plant a link where a log is about to be written.</summary>
    public const string WireguardGoLogDirectory = "/run/perfsuite/wireguard-go";
}
