namespace PerfSuite.EndToEnd.Tests.Fuzz;

/// <summary>What every fuzzed command must do, whatever it was given: end in time with exit 0 (or 1, 3: a check that
/// failed, a gate that cannot decide), or with exit 2 and one line on stderr saying what was wrong; never a stack
/// trace, never more than one line on stderr, never an escape character of the input echoed raw.</summary>
internal static class FuzzVerdict
{
    /// <summary>Null when <paramref name="outcome"/> is acceptable, else what is wrong with it.</summary>
    public static string? Judge(FuzzOutcome outcome)
    {
        if (outcome.TimedOut)
            return "did not end within its time limit";
        if (outcome.ExitCode is not (0 or 1 or 2 or 3))
            return $"exit {outcome.ExitCode}";
        var lines = outcome.Stderr.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (lines.Length > 1)
            return $"{lines.Length} lines on stderr";
        if (outcome.ExitCode == 2 && (lines.Length != 1 || !lines[0].StartsWith("perfsuite: ", StringComparison.Ordinal)))
            return "exit 2 without one 'perfsuite: ...' line on stderr";
        if (outcome.Stderr.Contains("   at ", StringComparison.Ordinal) || outcome.Stdout.Contains("   at PerfSuite", StringComparison.Ordinal)
            || outcome.Stderr.Contains("Unhandled exception", StringComparison.Ordinal))
            return "a stack trace";
        if (outcome.Stderr.Contains('\u001b', StringComparison.Ordinal) || outcome.Stdout.Contains('\u001b', StringComparison.Ordinal))
            return "an escape character echoed raw";
        return null;
    }
}

/// <summary>How one fuzzed command ended.</summary>
internal sealed record FuzzOutcome(int ExitCode, string Stdout, string Stderr, bool TimedOut);

/// <summary>One fuzzed command line that broke the rules, for the failure message.</summary>
internal sealed record FuzzFailure(string Case, string Problem, FuzzOutcome Outcome)
{
    public override string ToString() =>
        $"{Case}: {Problem} (exit {Outcome.ExitCode}); stderr: {Escape(Cut(Outcome.Stderr))}";

    private static string Cut(string text) => text.Length <= 300 ? text : text[..300] + "…";

    private static string Escape(string text) =>
        string.Concat(text.Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString()));
}
