using System.Text.Json.Serialization;
using PerfSuite.Model.Datapaths;

namespace PerfSuite.Model.Results;

/// <summary>The fleet section of a results document (<see cref="ResultsDocument.Fleet"/>): which hosts stand out,
/// by the rule in docs/methodology.md ("Fleet: the outlier host"), and what could not be tested.</summary>
/// <param name="Rule">The rule's identifier, so a reader knows which methodology produced the list.</param>
/// <param name="Alpha">The family-wise error rate the rule controls across every host, role, metric and cell group
/// of the run (Holm).</param>
/// <param name="MinimumEffect">The smallest departure from the fleet reported (0.05: a host 5 % off the fleet);
/// smaller but significant ones are not outliers.</param>
/// <param name="Hosts">Every host measured, in the order of <see cref="RunEnvironment.Hosts"/>.</param>
/// <param name="Tests">How many host × role × metric × group hypotheses were tested (the Holm family).</param>
/// <param name="Outliers">The hosts that stand out, worst first.</param>
/// <param name="Notes">Groups or metrics that could not be tested, with the reason (fewer than three hosts, one
/// repetition per pair, pairs missing).</param>
/// <param name="Closest">How close each tested host came to standing out, whether or not it did: per host, its test
/// with the smallest Holm-adjusted p-value (then the smallest raw p, then the largest departure), in the same form as
/// an outlier, most significant first. A host named in <paramref name="Outliers"/> has its worst entry here too; a host
/// no test could judge (fewer than three hosts, one repetition) is absent. Null in documents written before it.</param>
public sealed record FleetAnalysis(
    string Rule,
    double Alpha,
    double MinimumEffect,
    IReadOnlyList<string> Hosts,
    int Tests,
    IReadOnlyList<FleetOutlier> Outliers,
    IReadOnlyList<string> Notes,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<FleetOutlier>? Closest = null);

/// <summary>One host's contrast with the fleet in one metric, at one end of its pairs, in one cell group: a host that
/// stands out (<see cref="FleetAnalysis.Outliers"/>), or the one that came closest (<see cref="FleetAnalysis.Closest"/>).</summary>
/// <param name="Host">The host (<see cref="FleetHost.Name"/>).</param>
/// <param name="Role">Whether it stands out as sender or as receiver.</param>
/// <param name="Metric">The metric (<see cref="ResultMetric.Name"/>: goodputBps, coreSecondsPerGbit ...).</param>
/// <param name="Path">The cell group: datapath ...</param>
/// <param name="Impl">... its implementation ...</param>
/// <param name="UnderlayMtu">... underlay MTU ...</param>
/// <param name="Offloads">... offload profile ...</param>
/// <param name="Test">... traffic test ...</param>
/// <param name="Streams">... and streams.</param>
/// <param name="Ratio">The host's value over the fleet's: the median, over its peers, of its ratio to each peer on
/// the pairs they share (0.7: 30 % below the fleet).</param>
/// <param name="Statistics">The test behind it.</param>
/// <param name="Evidence">The settings in which this host's NIC snapshot (during the group's cells, else the one
/// taken at the start) and environment differ from the majority of hosts.</param>
public sealed record FleetOutlier(
    string Host,
    FleetRole Role,
    string Metric,
    string Path,
    DatapathImplementation Impl,
    int UnderlayMtu,
    string Offloads,
    string Test,
    int Streams,
    double Ratio,
    FleetOutlierStatistics Statistics,
    IReadOnlyList<SettingDifference> Evidence);

/// <summary>The statistical evidence for a <see cref="FleetOutlier"/>.</summary>
/// <param name="Peers">Other hosts it was compared with.</param>
/// <param name="PeersDiffering">Peers it differs from in the direction of <see cref="FleetOutlier.Ratio"/> at a
/// per-peer p of at most 0.05 (unadjusted: it describes, <paramref name="PValue"/> decides).</param>
/// <param name="PValue">The host's p-value: the majority-th smallest of its per-peer p-values, times
/// peers / majority (a bound valid whatever their dependence).</param>
/// <param name="AdjustedPValue">Holm-adjusted across <see cref="FleetAnalysis.Tests"/>; for an outlier, at most
/// <see cref="FleetAnalysis.Alpha"/>.</param>
/// <param name="DegreesOfFreedom">Of the t the host's contrasts were referred to: the smaller of the repetitions'
/// and the pair fit's.</param>
/// <param name="NoiseCv">The repetition noise within a pair (pooled over the group's pairs), as a coefficient of
/// variation.</param>
/// <param name="PairNoiseCv">The noise of one pair's mean about the additive sender + receiver fit (repetition noise
/// and what the pair has of its own), as a CV; null when the fit leaves no degrees of freedom.</param>
/// <param name="Pairs">The host's pairs in this role that entered the test.</param>
public sealed record FleetOutlierStatistics(
    int Peers,
    int PeersDiffering,
    double PValue,
    double AdjustedPValue,
    int DegreesOfFreedom,
    double NoiseCv,
    double? PairNoiseCv,
    int Pairs);

/// <summary>One setting in which a host differs from the majority of the fleet.</summary>
/// <param name="Setting">What differs: a feature name (<c>tx-udp_tnl-segmentation</c>), <c>MTU</c>, <c>driver</c>,
/// <c>firmware</c>, <c>rings.rx</c>, <c>channels.combined</c>, <c>sysctl net.core.rmem_max</c>, <c>kernel</c> ...</param>
/// <param name="Value">This host's value (<c>off</c>, <c>9000</c> ...); <c>absent</c> when it does not report one.</param>
/// <param name="MajorityValue">The value most hosts have.</param>
/// <param name="MajorityHosts">How many hosts have it ...</param>
/// <param name="Hosts">... of how many.</param>
public sealed record SettingDifference(
    string Setting,
    string Value,
    string MajorityValue,
    int MajorityHosts,
    int Hosts);
