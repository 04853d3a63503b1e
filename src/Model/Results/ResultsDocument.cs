using System.Text.Json.Serialization;
using PerfSuite.Model.Json;

namespace PerfSuite.Model.Results;

/// <summary><c>perfsuite/results@1</c>: everything one <c>perfsuite run</c> measured, cell by cell, with the
/// environment it ran in. The contract between the runner and Report, Gate and Tune.</summary>
/// <param name="Schema">Always <see cref="Schemas.Results"/>.</param>
/// <param name="RunId">Unique id of the run (the runner picks it; a UTC timestamp and host are typical).</param>
/// <param name="StartedUtc">When the run started.</param>
/// <param name="FinishedUtc">When it finished; null in a document recovered from the journal of a run that
/// was interrupted.</param>
/// <param name="CommandLine">The arguments <c>perfsuite</c> was started with.</param>
/// <param name="Environment">The host (and, in remote mode, the peer) the numbers belong to.</param>
/// <param name="Cells">One entry per cell and repetition, including failed and skipped ones: the raw samples.</param>
/// <param name="Summary">Per group of repetitions: median, interval with its true coverage, CV and n per metric, computed from
/// <paramref name="Cells"/> by <see cref="ResultsSummarizer"/>. In a fleet run a group holds every ordered pair
/// of hosts: the fleet-wide distribution.</param>
/// <param name="Fleet">In a fleet run, the hosts that stand out and why, computed from <paramref name="Cells"/> and
/// <see cref="RunEnvironment.Hosts"/> by the fleet outlier rule (docs/methodology.md); null for lab and remote runs.</param>
public sealed record ResultsDocument(
    string Schema,
    string RunId,
    DateTimeOffset StartedUtc,
    DateTimeOffset? FinishedUtc,
    IReadOnlyList<string> CommandLine,
    RunEnvironment Environment,
    IReadOnlyList<CellResult> Cells,
    IReadOnlyList<GroupSummary>? Summary = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] FleetAnalysis? Fleet = null)
{
    /// <summary>True when the document was rebuilt from the journal of a run that did not finish.</summary>
    public bool Interrupted => FinishedUtc is null;
}
