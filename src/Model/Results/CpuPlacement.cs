namespace PerfSuite.Model.Results;

/// <summary>Where a cell's two agents were allowed to run (sched_setaffinity of every thread), recorded in every cell
/// so results with and without placement are never mixed up unknowingly.</summary>
/// <param name="Policy"><c>none</c> (the scheduler chose), <c>manual</c> (<c>--cpus sender=…,receiver=…</c>) or
/// <c>auto</c> (sender on the first CPU the run may use, receiver on the last; nothing placed with one CPU).</param>
/// <param name="Sender">CPUs of the sending agent (the client); null when not placed.</param>
/// <param name="Receiver">CPUs of the receiving agent (the server); null when not placed.</param>
/// <param name="Note">What the policy did not do and why ("one CPU: nothing to separate").</param>
/// <param name="Steering">The receive queues of the path's devices whose RPS CPUs were set to the agent of their
/// side, as read back; empty when the devices have no rps_cpus (a kernel without RPS), null when nothing was steered
/// (not placed, or a testbed that does not steer; files written before it).</param>
public sealed record CpuPlacement(
    string Policy,
    IReadOnlyList<int>? Sender = null,
    IReadOnlyList<int>? Receiver = null,
    string? Note = null,
    IReadOnlyList<ReceiveSteering>? Steering = null)
{
    public const string None = "none";
    public const string Manual = "manual";
    public const string Auto = "auto";

    /// <summary>"sender 0, receiver 1 (auto)", or "not placed".</summary>
    public string Describe() => Sender is null && Receiver is null
        ? Policy == None ? "not placed" : $"not placed ({Policy}{(Note is null ? "" : ": " + Note)})"
        : $"sender {List(Sender)}, receiver {List(Receiver)} ({Policy})";

    /// <summary>"receive steering (RPS): 4 queues of the sender's side on CPU 0, 5 of the receiver's on CPU 1", or
    /// null when nothing was steered.</summary>
    public string? DescribeSteering()
    {
        if (Steering is null)
            return null;
        if (Steering.Count == 0)
            return "receive steering (RPS): none (the path's devices have no rps_cpus: a kernel without RPS)";
        var sides = Steering.GroupBy(s => s.Side).Select(side =>
        {
            var queues = side.Count();
            var cpus = side.Select(s => string.Join(',', s.Cpus)).Distinct().ToList();
            return $"{queues} queue{(queues == 1 ? "" : "s")} of the {side.Key}'s side on CPU {string.Join(" / ", cpus)}";
        });
        return $"receive steering (RPS): {string.Join(", ", sides)}";
    }

    private static string List(IReadOnlyList<int>? cpus) => cpus is null ? "any" : string.Join(',', cpus);
}
