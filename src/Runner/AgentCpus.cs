using System.Globalization;
using PerfSuite.Model.Errors;
using PerfSuite.Model.Results;

namespace PerfSuite.Runner;

/// <summary>How a run places its agents on CPUs (<c>--cpus</c>): <c>none</c>, <c>auto</c>, or
/// <c>sender=LIST,receiver=LIST</c> where a LIST is a CPU or a range (<c>0</c>, <c>2-3</c>). Resolved against the
/// CPUs this process may use (its affinity, which a cpuset may narrow) before anything is built; <c>auto</c> also
/// looks at how busy other work keeps the machine (docs/methodology.md "CPU placement").</summary>
public sealed record AgentCpus(string Policy, IReadOnlyList<int>? Sender = null, IReadOnlyList<int>? Receiver = null)
{
    public static readonly AgentCpus None = new(CpuPlacement.None);
    public static readonly AgentCpus Auto = new(CpuPlacement.Auto);

    /// <summary><c>auto</c> places nothing when other work keeps more than this share of each usable CPU busy: pinned
    /// agents then wait behind it on their one CPU instead of being woken where there is room (measured on a loaded
    /// 2-CPU VM: tcp-rr 686 against 33,350 tx/s unpinned).</summary>
    public const double AutoQuietShare = 0.1;

    public static AgentCpus Parse(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.Equals(CpuPlacement.None, StringComparison.OrdinalIgnoreCase))
            return None;
        if (trimmed.Equals(CpuPlacement.Auto, StringComparison.OrdinalIgnoreCase))
            return Auto;
        IReadOnlyList<int>? sender = null, receiver = null;
        foreach (var part in trimmed.Split(',', StringSplitOptions.TrimEntries))
        {
            var eq = part.IndexOf('=');
            var role = eq < 0 ? part : part[..eq];
            var list = eq < 0 ? null : ParseList(part[(eq + 1)..], part);
            switch (role)
            {
                case "sender" when list is not null && sender is null:
                    sender = list;
                    break;
                case "receiver" when list is not null && receiver is null:
                    receiver = list;
                    break;
                default:
                    throw Invalid($"--cpus: '{part}' is not sender=CPU or receiver=CPU (or give 'auto' or 'none')");
            }
        }
        return sender is null || receiver is null
            ? throw Invalid("--cpus: give both sender=CPU and receiver=CPU, e.g. --cpus sender=0,receiver=1")
            : new AgentCpus(CpuPlacement.Manual, sender, receiver);
    }

    /// <summary>The placement every cell records, given the CPUs this process may use and, for <c>auto</c>, the busy
    /// cores other work used with nothing of the run's going (its idle baseline; null when not measured yet).</summary>
    public CpuPlacement Resolve(IReadOnlyList<int> allowed, double? otherBusyCores = null)
    {
        switch (Policy)
        {
            case CpuPlacement.None:
                return new CpuPlacement(CpuPlacement.None);
            case CpuPlacement.Auto when allowed.Count < 2:
                return new CpuPlacement(CpuPlacement.Auto, Note: $"{allowed.Count} CPU usable: nothing to separate");
            case CpuPlacement.Auto when otherBusyCores is { } busy && busy > AutoQuietShare * allowed.Count:
                return new CpuPlacement(CpuPlacement.Auto, Note: string.Create(CultureInfo.InvariantCulture,
                    $"other work kept {busy:0.00} of {allowed.Count} CPUs busy before the run; pinned agents would wait behind it"));
            case CpuPlacement.Auto:
                // Sender and receiver apart, so neither waits for the other's time slice; the first and last usable CPU.
                return new CpuPlacement(CpuPlacement.Auto, [allowed[0]], [allowed[^1]]);
            default:
                foreach (var cpu in Sender!.Concat(Receiver!))
                {
                    if (!allowed.Contains(cpu))
                        throw Invalid($"--cpus: CPU {cpu} is not one this process may use ({string.Join(',', allowed)})");
                }
                return new CpuPlacement(CpuPlacement.Manual, Sender, Receiver);
        }
    }

    private static List<int> ParseList(string text, string part)
    {
        var dash = text.IndexOf('-');
        if (dash < 0)
            return [Cpu(text, part)];
        var from = Cpu(text[..dash], part);
        var to = Cpu(text[(dash + 1)..], part);
        return to >= from && to - from < 1024
            ? Enumerable.Range(from, to - from + 1).ToList()
            : throw Invalid($"--cpus: '{part}' is not a CPU range (low-high)");
    }

    private static int Cpu(string text, string part) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var cpu) && cpu < 1024
            ? cpu
            : throw Invalid($"--cpus: '{part}': '{text}' is not a CPU number");

    private static PerfSuiteException Invalid(string message) => new(ErrorReason.InvalidArgument, message);
}
