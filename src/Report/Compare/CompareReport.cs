using PerfSuite.Model.Json;

namespace PerfSuite.Report.Compare;

/// <summary><c>perfsuite/compare@1</c>: several inputs side by side (one column each, in argument order) — their
/// NICs, what each NIC offloads per encapsulation and what falling back to software costs where results show it,
/// the measured datapaths, and a ranking per criterion. Everything that does not line up is a gap with its reason.</summary>
/// <param name="Schema">Always <see cref="Schemas.Compare"/>.</param>
/// <param name="Columns">One per input.</param>
/// <param name="Nic">Driver, firmware, bus, link speed, MTU, rings and channels.</param>
/// <param name="Encapsulations">VXLAN, VXLAN with outer checksum, IPIP, GRE, WireGuard.</param>
/// <param name="Datapaths">Every measured cell group of any results input, lined up across the inputs.</param>
/// <param name="Rankings">Offload coverage, then goodput, CPU per Gbit and p99 latency per datapath.</param>
public sealed record CompareReport(
    string Schema,
    IReadOnlyList<CompareColumn> Columns,
    IReadOnlyList<NicRow> Nic,
    IReadOnlyList<EncapsulationRow> Encapsulations,
    IReadOnlyList<DatapathComparison> Datapaths,
    IReadOnlyList<Ranking> Rankings);
