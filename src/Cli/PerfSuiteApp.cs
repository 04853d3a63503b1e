using System.CommandLine;
using System.CommandLine.Help;
using PerfSuite.Cli.Commands;
using PerfSuite.Model.Errors;

namespace PerfSuite.Cli;

/// <summary>The <c>perfsuite</c> command tree. Each command is built by its own factory in <c>Commands/</c>.</summary>
public static class PerfSuiteApp
{
    /// <summary>A plain command named <c>perfsuite</c>, not a <see cref="RootCommand"/>: that one takes its name from the
    /// entry assembly (<c>PerfSuite.Cli</c>, since <c>./perfsuite</c> runs it with <c>dotnet</c>), which help would
    /// print in every usage line. The options RootCommand would add are added here.</summary>
    public static Command BuildRoot(TextWriter stdout, TextWriter stderr)
    {
        var root = new Command("perfsuite",
            "PerfSuite: what does each pod-network datapath cost on this hardware, and is anything misconfigured?");
        root.Options.Add(new HelpOption());
        root.Options.Add(new VersionOption());
        foreach (var command in CommandCatalog.All(stdout, stderr))
            root.Subcommands.Add(command);
        return root;
    }

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var root = BuildRoot(stdout, stderr);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            // System.CommandLine's own error exit code is 1; ours for bad input is 2, with one line on stderr.
            // An unrecognised token explains more than the "required command" error it causes.
            var error = parse.Errors.FirstOrDefault(e => e.Message.StartsWith("Unrecognized", StringComparison.Ordinal)) ?? parse.Errors[0];
            stderr.WriteLine($"perfsuite: {error.Message}");
            return ExitCodes.BadInput;
        }
        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        catch (UsageException e)
        {
            stderr.WriteLine($"perfsuite: {e.Message}");
            return ExitCodes.BadInput;
        }
        catch (PerfSuiteException e)
        {
            stderr.WriteLine($"perfsuite: {e.Message}");
            return ExitCodes.BadInput;
        }
    }
}
