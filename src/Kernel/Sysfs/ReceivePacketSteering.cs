using System.Text.RegularExpressions;
using PerfSuite.Kernel.Namespaces;
using PerfSuite.Model.Errors;

namespace PerfSuite.Kernel.Sysfs;

/// <summary>Reads and writes the RPS masks of receive queues (/sys/class/net/IF/queues/rx-N/rps_cpus) of one
/// network namespace, through a sysfs mounted for that namespace (<see cref="NetworkNamespace.RunWithOwnSysfs{T}"/>).
/// A kernel built without CONFIG_RPS has no rps_cpus files: such queues are simply not reported.</summary>
public static partial class ReceivePacketSteering
{
    [GeneratedRegex("^rx-[0-9]+$")]
    private static partial Regex RxQueueName();

    /// <summary>The masks of every receive queue of <paramref name="interfaces"/>, in queue order.</summary>
    public static IReadOnlyList<RpsQueueMask> Read(string? netns, IReadOnlyList<string> interfaces) =>
        NetworkNamespace.RunWithOwnSysfs(netns, () =>
        {
            var masks = new List<RpsQueueMask>();
            foreach (var iface in interfaces)
            {
                InterfaceName.ValidateNew(iface);
                var directory = SystemPaths.RxQueues(iface);
                if (!Directory.Exists(directory))
                    continue;
                var queues = Directory.GetDirectories(directory)
                    .Select(Path.GetFileName)
                    .OfType<string>()
                    .Where(q => RxQueueName().IsMatch(q))
                    .OrderBy(q => int.Parse(q.AsSpan(3), System.Globalization.CultureInfo.InvariantCulture));
                foreach (var queue in queues)
                {
                    var path = SystemPaths.RpsCpus(iface, queue);
                    if (File.Exists(path))
                        masks.Add(new RpsQueueMask(iface, queue, Access(netns, iface, queue, "reading", () => File.ReadAllText(path).Trim())));
                }
            }
            return masks;
        });

    /// <summary>Writes one queue's mask and returns it read back.</summary>
    public static string Write(string? netns, string iface, string queue, string mask)
    {
        Validate(iface, queue);
        if (mask.Length == 0 || mask.Any(c => !(char.IsAsciiHexDigit(c) || c == ',')))
            throw new PerfSuiteException(ErrorReason.InvalidArgument, $"'{mask}' is not a CPU mask (hexadecimal, comma-grouped)");
        return NetworkNamespace.RunWithOwnSysfs(netns, () =>
        {
            var path = SystemPaths.RpsCpus(iface, queue);
            return Access(netns, iface, queue, "writing", () =>
            {
                File.WriteAllText(path, mask + "\n");
                return File.ReadAllText(path).Trim();
            });
        });
    }

    /// <summary>One queue's mask.</summary>
    public static string ReadOne(string? netns, string iface, string queue)
    {
        Validate(iface, queue);
        return NetworkNamespace.RunWithOwnSysfs(netns, () =>
            Access(netns, iface, queue, "reading", () => File.ReadAllText(SystemPaths.RpsCpus(iface, queue)).Trim()));
    }

    private static void Validate(string iface, string queue)
    {
        InterfaceName.ValidateNew(iface);
        if (!RxQueueName().IsMatch(queue))
            throw new PerfSuiteException(ErrorReason.InvalidArgument, $"'{queue}' is not a receive queue (rx-N)");
    }

    private static T Access<T>(string? netns, string iface, string queue, string verb, Func<T> body)
    {
        var where = $"rps_cpus of {iface} {queue} in network namespace '{netns ?? NetworkNamespace.HostName}'";
        try
        {
            return body();
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new PerfSuiteException(ErrorReason.NotFound, $"{verb} {where}: no such queue (or a kernel without RPS)");
        }
        catch (UnauthorizedAccessException)
        {
            throw new PerfSuiteException(ErrorReason.PermissionDenied, $"{verb} {where}: permission denied (run as root)");
        }
        catch (IOException e)
        {
            throw new PerfSuiteException(ErrorReason.Io, $"{verb} {where}: {e.Message}");
        }
    }
}
