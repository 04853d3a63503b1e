using System.Globalization;
using System.Text.RegularExpressions;
using PerfSuite.Kernel;
using PerfSuite.Model.Errors;
using PerfSuite.Tune.Changes;

namespace PerfSuite.Tune.Apply;

/// <summary>The per-queue and per-interrupt steering of one interface that a driver resets when its queue count
/// changes, besides the RPS masks <see cref="Kernel.Sysfs.ReceivePacketSteering"/> reads: each transmit queue's XPS maps
/// (<c>queues/tx-N/xps_cpus</c>, <c>xps_rxqs</c>) and the affinity of each interrupt of its device
/// (<c>device/msi_irqs</c> lists them; <c>/proc/irq/N/smp_affinity_list</c>). The roots are parameters so tests
/// can hold a device with interrupts in fixture directories; the live ones are <c>/sys</c> (a sysfs mounted for
/// the namespace) and <c>/proc</c>. An interrupt is written only when it is the interface's device's now.</summary>
public sealed partial class QueueSteeringFiles(string sysRoot = "/sys", string procRoot = "/proc")
{
    public static QueueSteeringFiles Live { get; } = new();

    [GeneratedRegex("^(rx|tx)-([0-9]{1,5})$")]
    private static partial Regex QueueName();

    /// <summary>The XPS maps and interrupt affinities of <paramref name="iface"/> a queue-count change may reset, as
    /// settings that write them back (its receive queues' RPS masks are <see cref="Kernel.Sysfs.ReceivePacketSteering"/>'s). A file
    /// the kernel will not read (XPS of a single-queue device) is left out: the driver cannot have set it either.</summary>
    public IReadOnlyList<TuneSetting> Read(string iface)
    {
        InterfaceName.ValidateNew(iface);
        var settings = new List<TuneSetting>();
        var queues = Path.Combine(sysRoot, "class/net", iface, "queues");
        if (Directory.Exists(queues))
        {
            var transmit = Directory.GetDirectories(queues)
                .Select(Path.GetFileName)
                .Select(name => QueueName().Match(name ?? ""))
                .Where(m => m.Success && m.Groups[1].Value == "tx")
                .OrderBy(m => int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture));
            foreach (var match in transmit)
            {
                foreach (var map in XpsSetting.Maps)
                    if (TryRead(Path.Combine(queues, match.Value, $"xps_{map}")) is { } mask)
                        settings.Add(new XpsSetting(iface, match.Value, map, mask));
            }
        }
        foreach (var irq in DeviceIrqs(iface))
            if (TryRead(AffinityPath(irq)) is { } cpus)
                settings.Add(new IrqAffinitySetting(iface, irq, IrqAction(irq), cpus));
        return settings;
    }

    /// <summary>The current state of one XPS map or interrupt affinity, in the same shape.</summary>
    public TuneSetting Read(TuneSetting knob) => knob switch
    {
        XpsSetting x => x with { Mask = Access(x, "reading", () => File.ReadAllText(XpsPath(x)).Trim()) },
        IrqAffinitySetting i => ReadAffinity(i),
        _ => throw new ArgumentException($"{knob.Knob()} is not queue steering", nameof(knob)),
    };

    public void Write(TuneSetting setting)
    {
        switch (setting)
        {
            case XpsSetting x:
                Validate(x);
                Access(x, "writing", () => Write(XpsPath(x), x.Mask));
                break;
            case IrqAffinitySetting i:
                var irq = Resolve(i);
                Access(i, "writing", () => Write(AffinityPath(irq), i.CpuList));
                break;
            default:
                throw new ArgumentException($"{setting.Knob()} is not queue steering", nameof(setting));
        }
    }

    private IrqAffinitySetting ReadAffinity(IrqAffinitySetting knob)
    {
        var irq = Resolve(knob);
        return new IrqAffinitySetting(knob.Interface, irq, IrqAction(irq), Access(knob, "reading", () => File.ReadAllText(AffinityPath(irq)).Trim()));
    }

    /// <summary>The interrupts of <paramref name="iface"/>'s device, in order; none for a virtual device.</summary>
    public IReadOnlyList<int> DeviceIrqs(string iface)
    {
        InterfaceName.ValidateNew(iface);
        var directory = Path.Combine(sysRoot, "class/net", iface, "device/msi_irqs");
        if (!Directory.Exists(directory))
            return [];
        return Directory.EnumerateFileSystemEntries(directory)
            .Select(Path.GetFileName)
            .Select(name => int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var irq) ? irq : -1)
            .Where(irq => irq >= 0)
            .Order()
            .ToList();
    }

    /// <summary>The interrupt of the device now that <paramref name="setting"/> was read from: the one requested
    /// under the same name (drivers may number their vectors anew when queues change), else the same number —
    /// and only ever one <c>msi_irqs</c> lists, so a journal cannot reach another device's interrupt.</summary>
    private int Resolve(IrqAffinitySetting setting)
    {
        var irqs = DeviceIrqs(setting.Interface);
        if (setting.Action is { } action && irqs.FirstOrDefault(irq => IrqAction(irq) == action, -1) is var named and >= 0)
            return named;
        if (irqs.Contains(setting.Irq))
            return setting.Irq;
        throw new PerfSuiteException(ErrorReason.InvalidArgument,
            $"IRQ {setting.Irq}{(setting.Action is null ? "" : $" ({setting.Action})")} is not an interrupt of {setting.Interface}'s device now " +
            $"(its msi_irqs: {(irqs.Count == 0 ? "none" : string.Join(",", irqs))}); its affinity was not written");
    }

    /// <summary>The name the interrupt's handler was requested under: /proc/irq/N/ holds one directory per action.</summary>
    private string? IrqAction(int irq)
    {
        var directory = Path.Combine(procRoot, "irq", irq.ToString(CultureInfo.InvariantCulture));
        return Directory.Exists(directory)
            ? Directory.GetDirectories(directory).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).FirstOrDefault()
            : null;
    }

    private string AffinityPath(int irq) => Path.Combine(procRoot, "irq", irq.ToString(CultureInfo.InvariantCulture), "smp_affinity_list");

    private string XpsPath(XpsSetting x)
    {
        Validate(x);
        return Path.Combine(sysRoot, "class/net", x.Interface, "queues", x.Queue, x.FileName);
    }

    private static void Validate(XpsSetting x)
    {
        InterfaceName.ValidateNew(x.Interface);
        if (!x.Queue.StartsWith("tx-", StringComparison.Ordinal) || !QueueName().IsMatch(x.Queue) || !XpsSetting.Maps.Contains(x.Map))
            throw new PerfSuiteException(ErrorReason.InvalidArgument, $"'{x.Queue}' {x.FileName} is not an XPS map of a transmit queue");
    }

    private static string? TryRead(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllText(path).Trim() : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static bool Write(string path, string value)
    {
        // Never create: the file is the kernel's, and a missing one means the queue or interrupt is gone.
        using var stream = new FileStream(path, FileMode.Truncate, FileAccess.Write);
        using var writer = new StreamWriter(stream);
        writer.Write(value + "\n");
        return true;
    }

    private static T Access<T>(TuneSetting setting, string verb, Func<T> body)
    {
        try
        {
            return body();
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new PerfSuiteException(ErrorReason.NotFound, $"{verb} {setting.Knob()}: no such queue or interrupt");
        }
        catch (UnauthorizedAccessException)
        {
            throw new PerfSuiteException(ErrorReason.PermissionDenied, $"{verb} {setting.Knob()}: permission denied (run as root)");
        }
        catch (IOException e)
        {
            throw new PerfSuiteException(ErrorReason.Io, $"{verb} {setting.Knob()}: {e.Message}");
        }
    }
}
