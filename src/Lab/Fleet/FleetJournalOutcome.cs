namespace PerfSuite.Lab.Fleet;

/// <summary>What <c>lab clean</c> did with one fleet journal: <paramref name="Repaired"/> says what was undone for an
/// agent that no longer runs, null when its agent runs and the journal was left to it.</summary>
/// <param name="Lab">The lab the journal names, null when it could not be read.</param>
public sealed record FleetJournalOutcome(string Agent, string? Lab, string? Repaired);
