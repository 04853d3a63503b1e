using System.Text;
using PerfSuite.Kernel;

namespace PerfSuite.Tests.Support;

/// <summary>The tunnel processes of a lab as /proc shows them, independent of the lab's own records: wireguard-go for
/// an interface named <c>ps-LAB-…</c>, and <c>perfsuite tunnel ipip</c> in a namespace named <c>ps-LAB-…</c>. Zombies
/// (ended, waiting to be reaped) do not count. Also the UAPI sockets and wireguard-go output files of the lab.</summary>
public static class LabTunnelProcesses
{
    public static List<string> Of(string lab)
    {
        var prefix = $"ps-{lab}-";
        var found = new List<string>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid))
                continue;
            string[] arguments;
            string stat;
            try
            {
                arguments = Encoding.UTF8.GetString(File.ReadAllBytes($"/proc/{pid}/cmdline")).Split('\0', StringSplitOptions.RemoveEmptyEntries);
                stat = File.ReadAllText($"/proc/{pid}/stat");
            }
            catch (IOException)
            {
                continue;
            }
            catch (UnauthorizedAccessException)
            {
                continue;
            }
            if (stat[(stat.LastIndexOf(')') + 2)..].StartsWith('Z'))
                continue;
            var wireguardGo = arguments.Length > 0 && Path.GetFileName(arguments[0]) == "wireguard-go" && arguments.Any(a => a.StartsWith(prefix, StringComparison.Ordinal));
            var ipip = arguments.Contains("tunnel") && arguments.Contains("ipip") && arguments.Any(a => a.StartsWith(prefix, StringComparison.Ordinal));
            if (wireguardGo || ipip)
                found.Add($"{pid}: {string.Join(' ', arguments)}");
        }
        return found;
    }

    public static List<string> UapiSockets(string lab) =>
        Directory.Exists("/var/run/wireguard")
            ? Directory.EnumerateFiles("/var/run/wireguard", $"ps-{lab}-*.sock").ToList()
            : [];

    public static List<string> WireguardGoLogs(string lab) =>
        Directory.EnumerateFiles(Path.GetTempPath(), $"perfsuite-wireguard-go-ps-{lab}-*").ToList();
}
