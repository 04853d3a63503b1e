using System.Text.Json.Serialization;

namespace PerfSuite.Report.Compare;

/// <summary>What an input of <c>perfsuite compare</c> turned out to be, told by its content, not its name.</summary>
public enum CompareInputKind
{
    /// <summary>A <c>perfsuite/results@1</c> document: measurements and the NIC snapshots of the run.</summary>
    [JsonStringEnumMemberName("results")]
    Results,

    /// <summary>A <c>perfsuite/probe@1</c> document (<c>perfsuite probe --format json</c>).</summary>
    [JsonStringEnumMemberName("probe")]
    Probe,

    /// <summary>Saved <c>ethtool -k</c> text, optionally with <c>ethtool -i</c> above it.</summary>
    [JsonStringEnumMemberName("ethtool-dump")]
    EthtoolDump,
}
