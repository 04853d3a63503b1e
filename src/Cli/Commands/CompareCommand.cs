using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using PerfSuite.Report.Compare;
using PerfSuite.Report.Writing;

namespace PerfSuite.Cli.Commands;

/// <summary><c>perfsuite compare</c>: NICs and measured datapaths side by side, from results files, probe
/// snapshots and saved <c>ethtool -k</c> text in any mix, as a table or JSON, and with <c>--out</c> as a report
/// folder like <c>perfsuite report</c>'s (issue 6).</summary>
internal static class CompareCommand
{
    private static readonly Argument<string[]> InputsArgument = new("INPUT")
    {
        Description = "Results file, probe snapshot (perfsuite probe --format json) or saved ethtool -k text " +
            "(ethtool -i above it is read too); FILE:IFACE picks an interface. At least two.",
        Arity = ArgumentArity.OneOrMore,
    };

    private static readonly Option<string?> OutOption = new("--out")
    {
        Description = "Also write the comparison as a report folder (index.html, report.md, figures/), e.g. reports/nic-a-vs-b",
        DefaultValueFactory = _ => null,
    };

    private static readonly Option<bool> ForceOption = new("--force")
    {
        Description = "Overwrite the report files in a --out folder that already holds some",
        DefaultValueFactory = _ => false,
    };

    private static readonly Option<OutputFormat> FormatOpt = FormatOption.Create(OutputFormat.Table, OutputFormat.Json);

    public static Command Create(TextWriter stdout)
    {
        var command = new Command("compare", "Compare NICs and measured datapaths side by side, with a ranking per criterion")
        {
            InputsArgument, OutOption, ForceOption, FormatOpt,
        };
        command.SetAction(parse =>
        {
            var inputs = parse.GetValue(InputsArgument) ?? [];
            if (inputs.Length < 2)
            {
                throw new UsageException(string.Create(CultureInfo.InvariantCulture,
                    $"compare needs at least two inputs (results, probe snapshots or ethtool -k dumps), not {inputs.Length}"));
            }
            var directory = parse.GetValue(OutOption);
            if (directory is { Length: 0 })
                throw new UsageException("--out needs a folder");
            return new CompareRun(stdout).Execute(inputs, parse.GetValue(FormatOpt), directory, parse.GetValue(ForceOption));
        });
        return command;
    }
}

/// <summary>Loads the inputs, compares them and writes the comparison; returns the exit code.</summary>
internal sealed class CompareRun(TextWriter output)
{
    public int Execute(IReadOnlyList<string> arguments, OutputFormat format, string? directory, bool force)
    {
        // A folder that would be refused is refused before the inputs are read, as perfsuite report does.
        if (directory is not null)
            PageFolder.CheckWritable(directory, force);
        var inputs = arguments.Select(CompareInputLoader.Load).ToList();
        var report = InputComparer.Compare(inputs);
        var written = directory is null ? null : ComparePageWriter.Write(report, directory, force);
        if (format == OutputFormat.Json)
        {
            output.Write(JsonSerializer.Serialize(report, CompareJsonContext.Default.CompareReport));
            output.Write('\n');
        }
        else
        {
            new CompareConsoleWriter(output).Write(report);
            if (written is not null)
            {
                output.WriteLine();
                output.WriteLine($"report:   {written.HtmlPath}");
                output.WriteLine($"markdown: {written.MarkdownPath}");
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"figures:  {written.FigurePaths.Count / 2} (PNG and SVG) in {Path.Combine(directory!, PageFolder.FiguresFolder)}"));
            }
        }
        return ExitCodes.Success;
    }
}
