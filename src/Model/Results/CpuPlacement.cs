namespace PerfSuite.Model.Results;

/// <summary>Where a cell's two agents were allowed to run (sched_setaffinity of every thread), recorded in every cell
/// so results with and without placement are never mixed up unknowingly.</summary>
/// <param name="Policy"><c>none</c> (the scheduler chose), <c>manual</c> (<c>--cpus sender=…,receiver=…</c>) or
/// <c>auto</c> (sender on the first CPU the run may use, receiver on the last; nothing placed with one CPU).</param>
/// <param name="Sender">CPUs of the sending agent (the client); null when not placed.</param>
/// <param name="Receiver">CPUs of the receiving agent (the server); null when not placed.</param>
/// <param name="Note">What the policy did not do and why ("one CPU: nothing to separate").</param>
public sealed record CpuPlacement(
    string Policy,
    IReadOnlyList<int>? Sender = null,
    IReadOnlyList<int>? Receiver = null,
    string? Note = null)
{
    public const string None = "none";
    public const string Manual = "manual";
    public const string Auto = "auto";

    /// <summary>"sender 0, receiver 1 (auto)", or "not placed".</summary>
    public string Describe() => Sender is null && Receiver is null
        ? Policy == None ? "not placed" : $"not placed ({Policy}{(Note is null ? "" : ": " + Note)})"
        : $"sender {List(Sender)}, receiver {List(Receiver)} ({Policy})";

    private static string List(IReadOnlyList<int>? cpus) => cpus is null ? "any" : string.Join(',', cpus);
}
