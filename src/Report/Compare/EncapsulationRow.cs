namespace PerfSuite.Report.Compare;

/// <summary>One encapsulation across the inputs.</summary>
/// <param name="Datapath">The datapath whose results show its cost; null when none measures it.</param>
/// <param name="SoftwareReason">For an encapsulation no NIC offloads (WireGuard), why.</param>
public sealed record EncapsulationRow(
    string Encapsulation,
    string? Datapath,
    string? SoftwareReason,
    IReadOnlyList<OffloadAspectRow> Aspects,
    IReadOnlyList<EncapsulationCell> Cells);
