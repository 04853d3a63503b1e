namespace PerfSuite.Model.Results;

/// <summary>The first line of a results journal: what a recovered document needs besides its cells.</summary>
public sealed record ResultsJournalHeader(
    string Schema,
    string RunId,
    DateTimeOffset StartedUtc,
    IReadOnlyList<string> CommandLine,
    RunEnvironment Environment);
