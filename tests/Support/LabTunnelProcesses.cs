namespace PerfSuite.Tests.Support;

/// <summary>The tunnel processes of a lab as /proc shows them, independent of the lab's own records: wireguard-go for
/// an interface named <c>ps-LAB-…</c>, and <c>perfsuite tunnel ipip</c> in a namespace named <c>ps-LAB-…</c>. Zombies
/// (ended, waiting to be reaped) do not count. Also the UAPI sockets and wireguard-go output files of the lab.</summary>
public static class LabTunnelProcesses
{
    public static List<string> Of(string lab)
    {
        var prefix = $"ps-{lab}-";
        return ProcessTable.Where(arguments =>
            {
                var named = arguments.Any(a => a.StartsWith(prefix, StringComparison.Ordinal));
                var wireguardGo = arguments.Count > 0 && Path.GetFileName(arguments[0]) == "wireguard-go" && named;
                var ipip = arguments.Contains("tunnel") && arguments.Contains("ipip") && named;
                return wireguardGo || ipip;
            })
            .Select(p => p.ToString()).ToList();
    }

    public static List<string> UapiSockets(string lab) =>
        Directory.Exists("/var/run/wireguard")
            ? Directory.EnumerateFiles("/var/run/wireguard", $"ps-{lab}-*.sock").ToList()
            : [];

    public static List<string> WireguardGoLogs(string lab) =>
        Directory.Exists("/run/perfsuite/wireguard-go")
            ? Directory.EnumerateFiles("/run/perfsuite/wireguard-go", $"perfsuite-wireguard-go-ps-{lab}-*").ToList()
            : [];
}
