using PerfSuite.Tune.Rules;
using PerfSuite.Tune.Verify;

namespace PerfSuite.Tune;

/// <summary>One <c>perfsuite tune</c>: the namespace (null: the caller's own), what the rules assume, and whether
/// to apply (through <see cref="JournalPath"/>) and verify by measurement.</summary>
public sealed record TuneRequest(
    string? Netns,
    TuneOptions Options,
    bool Apply = false,
    string? JournalPath = null,
    IReadOnlyList<string>? CommandLine = null,
    VerifyOptions? Verify = null);
