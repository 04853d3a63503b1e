using System.CommandLine;
using System.Globalization;
using PerfSuite.Model.Results;

namespace PerfSuite.Cli.Commands;

/// <summary><c>perfsuite results recover JOURNAL [--out FILE] [--force]</c>: the results file of a run that was killed
/// (SIGKILL, power loss) before it could write one, from the journal it appended every finished cell to.</summary>
internal static class ResultsCommand
{
    private static readonly Argument<string> JournalArgument = new("JOURNAL")
    {
        Description = $"The run's journal (RESULTS.json{ResultsJournal.Extension}, beside where its results would have gone)",
    };

    private static readonly Option<string?> OutOption = new("--out")
    {
        Description = $"Results file to write (default: JOURNAL without {ResultsJournal.Extension})",
    };

    private static readonly Option<bool> ForceOption = new("--force")
    {
        Description = "Replace an existing results file",
    };

    public static Command Create(TextWriter stdout)
    {
        var recover = new Command("recover", "Write the results file of an interrupted run from its journal: every finished cell, "
            + "marked interrupted (report, gate and compare also read a journal directly)")
        {
            JournalArgument, OutOption, ForceOption,
        };
        recover.SetAction(parse =>
        {
            var journal = parse.GetValue(JournalArgument)!;
            if (journal.Length == 0)
                throw new UsageException("JOURNAL: the file name is empty");
            var output = parse.GetValue(OutOption) ?? DefaultOutput(journal);
            if (output.Length == 0)
                throw new UsageException("--out needs a file");
            if (Path.GetFullPath(output) == Path.GetFullPath(journal))
                throw new UsageException("--out: the results file cannot replace the journal it is recovered from");
            if (!parse.GetValue(ForceOption) && (File.Exists(output) || Directory.Exists(output)))
                throw new UsageException($"--out: {output} exists; pass --force to replace it");
            var document = ResultsReader.Load(journal);
            if (!document.Interrupted)
                throw new UsageException($"{journal} is a results file already, not a journal");
            ResultsWriter.WriteAtomic(document, output);
            var failed = document.Cells.Count(c => c.Status != CellStatus.Ok);
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"recovered {document.Cells.Count} finished cells ({failed} not ok) of interrupted run {Terminal.Escape(document.RunId)} → {Terminal.Escape(output)}"));
            stdout.WriteLine($"the journal {Terminal.Escape(journal)} is left as it was; remove it once the results file is kept");
            return ExitCodes.Success;
        });
        return new Command("results", "Work with results files") { recover };
    }

    private static string DefaultOutput(string journal) =>
        journal.EndsWith(ResultsJournal.Extension, StringComparison.Ordinal) && journal.Length > ResultsJournal.Extension.Length
            ? journal[..^ResultsJournal.Extension.Length]
            : journal + ".json";
}
