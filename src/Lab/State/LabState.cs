using PerfSuite.Kernel.Processes;
using PerfSuite.Model.Json;

namespace PerfSuite.Lab.State;

/// <summary>
/// What a lab made, written to <c>/run/perfsuite/labs/NAME.json</c> before each thing is made, so that a later
/// run can remove what a dead one left. The owner is the process that built the lab; a lab that is not
/// <see cref="Persistent"/> (one a benchmark run builds for itself) is stale as soon as its owner is gone, a
/// persistent one (<c>perfsuite lab up</c>) only when its owner died before it was <see cref="Complete"/>.
/// </summary>
public sealed record LabState(
    string Schema,
    string Name,
    int OwnerPid,
    long OwnerStartTime,
    bool Persistent,
    bool Complete,
    DateTimeOffset CreatedUtc,
    LabSpecRecord Spec,
    IReadOnlyList<string> Namespaces,
    IReadOnlyList<LabProcessRecord> Processes,
    IReadOnlyList<LabPathSummary> Paths)
{
    public static LabState Begin(LabSpec spec, ProcessIdentity owner) =>
        new(Schemas.Lab, spec.Name, owner.Pid, owner.StartTime, spec.Persistent, Complete: false, DateTimeOffset.UtcNow,
            LabSpecRecord.From(spec), [], [], []);
}

/// <summary>The spec a lab was built from, as plain values.</summary>
public sealed record LabSpecRecord(IReadOnlyList<string> Paths, int UnderlayMtu, int? PodMtu, int PodsPerNode, string Offloads)
{
    public static LabSpecRecord From(LabSpec spec) =>
        new(spec.Paths.Select(p => p.Name).ToList(), spec.UnderlayMtu, spec.PodMtu, spec.PodsPerNode, spec.Offloads.Name);
}

/// <summary>A process the lab started (wireguard-go, an encapsulator), with its start time so that a pid the
/// kernel has since given to another process is never signalled.</summary>
public sealed record LabProcessRecord(int Pid, long StartTime, string Namespace, string Description)
{
    /// <summary>The record of a running process; null when it is already gone.</summary>
    public static LabProcessRecord? Of(int pid, string netns, string description) =>
        ProcessIdentity.Of(pid) is { } identity ? new(identity.Pid, identity.StartTime, netns, description) : null;

    /// <summary><paramref name="records"/> with <paramref name="process"/>, once: the same pid and start time again changes nothing.</summary>
    public static IReadOnlyList<LabProcessRecord> Add(IReadOnlyList<LabProcessRecord> records, LabProcessRecord process) =>
        records.Any(p => p.Pid == process.Pid && p.StartTime == process.StartTime) ? records : [.. records, process];
}

/// <summary>One path as <c>lab list</c> shows it.</summary>
public sealed record LabPathSummary(string Path, string Status, string? Impl, int? PodMtu, int? ObservedPathMtu, string? Client, string? Server, string? Reason);
