using System.CommandLine;
using System.Globalization;
using PerfSuite.Model.Results;
using PerfSuite.Report.Analysis;
using PerfSuite.Report.Writing;

namespace PerfSuite.Cli.Commands;

/// <summary><c>perfsuite report RESULTS.json [--out DIR] [--force]</c>: the HTML and Markdown report of a run,
/// with its figures (issue 5).</summary>
internal static class ReportCommand
{
    private static readonly Argument<string> ResultsArgument = new("RESULTS")
    {
        Description = "Results file of a run (perfsuite/results@1)",
    };

    private static readonly Option<string?> OutOption = new("--out")
    {
        Description = "Report folder (default: reports/<results file name without .json>)",
        DefaultValueFactory = _ => null,
    };

    private static readonly Option<bool> ForceOption = new("--force")
    {
        Description = "Overwrite the report files in a folder that already holds some",
        DefaultValueFactory = _ => false,
    };

    public static Command Create(TextWriter stdout)
    {
        var command = new Command("report", "Write index.html (self-contained), report.md and figures/*.png|svg for a results file")
        {
            ResultsArgument, OutOption, ForceOption,
        };
        command.SetAction(parse =>
        {
            var results = parse.GetValue(ResultsArgument)!;
            var directory = parse.GetValue(OutOption);
            if (directory is { Length: 0 })
                throw new UsageException("--out needs a folder");
            return new ReportRun(stdout).Execute(results, directory ?? ReportWriter.DefaultDirectoryFor(results), parse.GetValue(ForceOption));
        });
        return command;
    }
}

/// <summary>Loads a results file, writes its report and says where it went.</summary>
internal sealed class ReportRun(TextWriter output)
{
    public int Execute(string resultsPath, string directory, bool force) =>
        Execute(ResultsReader.Load(resultsPath), resultsPath, directory, force);

    public int Execute(ResultsDocument document, string resultsPath, string directory, bool force)
    {
        var written = ReportWriter.Write(document, directory, force, Path.GetFileName(resultsPath));
        var ci = CultureInfo.InvariantCulture;
        output.WriteLine($"report:   {Terminal.Escape(written.HtmlPath)}");
        output.WriteLine($"markdown: {Terminal.Escape(written.MarkdownPath)}");
        output.WriteLine(string.Create(ci, $"figures:  {written.FigurePaths.Count / 2} (PNG and SVG) in {Terminal.Escape(Path.Combine(directory, ReportWriter.FiguresFolder))}"));
        // One line per kind of flag, as the page shows them, each with how many cells it covers.
        foreach (var group in FlagGroups.Of(written.Analysis))
            output.WriteLine(Terminal.Escape(string.Create(ci, $"flag:     {(group.IsProblem ? "problem: " : "")}{group.Title} — {group.Headline}")));
        return ExitCodes.Success;
    }
}
