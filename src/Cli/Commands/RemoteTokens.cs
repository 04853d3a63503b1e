namespace PerfSuite.Cli.Commands;

/// <summary>Where remote mode's shared secret comes from and where it must never go: <c>--token</c>, else
/// <c>$PERFSUITE_TOKEN</c> (which, unlike an argument, other users cannot read in the process list); and never into a
/// results file's recorded command line.</summary>
internal static class RemoteTokens
{
    public const string EnvironmentVariable = "PERFSUITE_TOKEN";

    private const string Redacted = "<redacted>";

    /// <summary>The shortest token an agent accepts: 16 characters (64 bits of hex), beyond guessing over the network.</summary>
    public const int MinimumLength = 16;

    public static string? Resolve(string? given) =>
        !string.IsNullOrEmpty(given) ? given
        : Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment
        : null;

    /// <summary>The command line with every token value replaced.</summary>
    public static List<string> Redact(IEnumerable<string> arguments)
    {
        var result = new List<string>();
        var hideNext = false;
        foreach (var argument in arguments)
        {
            if (hideNext)
            {
                result.Add(Redacted);
                hideNext = false;
            }
            else if (argument == "--token")
            {
                result.Add(argument);
                hideNext = true;
            }
            else if (argument.StartsWith("--token=", StringComparison.Ordinal) || argument.StartsWith("--token:", StringComparison.Ordinal))
            {
                result.Add(argument[..8] + Redacted);
            }
            else
            {
                result.Add(argument);
            }
        }
        return result;
    }
}
