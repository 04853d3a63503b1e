using PerfSuite.Lab.Datapaths;
using PerfSuite.Lab.Offloads;

namespace PerfSuite.Lab;

/// <summary>What a lab is built with: the datapath builders, the way offloads are set (null: only the default
/// profile can be used), and where lab state lives.</summary>
public sealed record LabServices
{
    public DatapathCatalog Catalog { get; init; } = DatapathCatalog.Default;

    public IOffloadApplier? Offloads { get; init; } = new EthtoolOffloadApplier();

    public LabCleaner Cleaner { get; init; } = LabCleaner.Default;
}
