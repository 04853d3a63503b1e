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
            stderr.WriteLine($"perfsuite: {Terminal.Escape(error.Message)}");
            return ExitCodes.BadInput;
        }
        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        catch (UsageException e)
        {
            stderr.WriteLine($"perfsuite: {Terminal.Escape(e.Message)}");
            return ExitCodes.BadInput;
        }
        catch (PerfSuiteException e)
        {
            stderr.WriteLine($"perfsuite: {Terminal.Escape(e.Message)}");
            return ExitCodes.BadInput;
        }
        catch (UnauthorizedAccessException e)
        {
            // A file or directory this user may not read or write (most often: not root): the environment, not a bug.
            TryWriteLine(stderr, $"perfsuite: permission denied: {Terminal.Escape(e.Message)}");
            return ExitCodes.BadInput;
        }
        catch (IOException e) when (IsOutputFailure(e))
        {
            // stdout or a results file on a full disk, a closed pipe: the environment, not a bug.
            TryWriteLine(stderr, $"perfsuite: cannot write: {Terminal.Escape(e.Message)}");
            return ExitCodes.BadInput;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var log = CrashLog.Write(args, e);
            TryWriteLine(stderr, log is null
                ? $"perfsuite: internal error ({e.GetType().Name}: {Terminal.Escape(e.Message)}); please report it with the command line"
                : $"perfsuite: internal error ({e.GetType().Name}: {Terminal.Escape(e.Message)}); details in {log}, please report it");
            return ExitCodes.Software;
        }
    }

    /// <summary>ENOSPC, EDQUOT, EPIPE and EIO on a write: what a full disk or a closed reader looks like.</summary>
    private static bool IsOutputFailure(IOException e) =>
        (e.HResult & 0xFFFF) is 28 or 122 or 32 or 5 || e.Message.Contains("No space left", StringComparison.Ordinal)
            || e.Message.Contains("Broken pipe", StringComparison.Ordinal);

    private static void TryWriteLine(TextWriter writer, string line)
    {
        try
        {
            writer.WriteLine(line);
        }
        catch (IOException)
        {
            // stderr itself cannot be written: the exit code is all that is left.
        }
    }
}
