using System.CommandLine;

namespace PerfSuite.Cli.Commands;

/// <summary>Builds a <c>--format</c> option that accepts the lowercase, hyphenated names (<c>ethtool-k</c>) of the
/// formats a command supports, and rejects the rest with the list of valid ones.</summary>
internal static class FormatOption
{
    public static string Name(OutputFormat format) => format switch
    {
        OutputFormat.EthtoolK => "ethtool-k",
        _ => format.ToString().ToLowerInvariant(),
    };

    public static Option<OutputFormat> Create(params OutputFormat[] allowed)
    {
        // No DefaultValueFactory: help would print the default with the enum's own name ("[default: Table]"). An
        // absent --format reads as default(OutputFormat), so that must be the first format allowed.
        if (allowed.Length == 0 || allowed[0] != default)
            throw new ArgumentException($"the first format must be {default(OutputFormat)}, the value of an absent --format", nameof(allowed));
        var names = allowed.Select(Name).ToArray();
        var option = new Option<OutputFormat>("--format")
        {
            Description = $"Output format: {string.Join(", ", names)} [default: {names[0]}]",
            // Without it, help lists the enum's own names (EthtoolK, Json …) beside the ones accepted.
            HelpName = string.Join('|', names),
            CustomParser = result =>
            {
                var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : names[0];
                var index = Array.FindIndex(names, n => string.Equals(n, text, StringComparison.OrdinalIgnoreCase));
                if (index >= 0)
                    return allowed[index];
                result.AddError($"unknown format '{text}' (use {string.Join(", ", names)})");
                return allowed[0];
            },
        };
        option.CompletionSources.Add(names);
        return option;
    }
}
