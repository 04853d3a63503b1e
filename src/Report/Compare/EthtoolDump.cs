namespace PerfSuite.Report.Compare;

/// <summary>What a saved text dump of <c>ethtool -k</c> (optionally with <c>ethtool -i</c> above it) says: one
/// entry per "Features for IF:" block, in file order.</summary>
public sealed record EthtoolDump(string Source, IReadOnlyList<EthtoolDumpInterface> Interfaces);
