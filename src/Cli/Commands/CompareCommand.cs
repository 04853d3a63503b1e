using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using PerfSuite.Report.Compare;

namespace PerfSuite.Cli.Commands;

/// <summary><c>perfsuite compare</c>: NICs and measured datapaths side by side, from results files, probe
/// snapshots and saved <c>ethtool -k</c> text in any mix (issue 6).</summary>
internal static class CompareCommand
{
    private static readonly Argument<string[]> InputsArgument = new("INPUT")
    {
        Description = "Results file, probe snapshot (perfsuite probe --format json) or saved ethtool -k text " +
            "(ethtool -i above it is read too); FILE:IFACE picks an interface. At least two.",
        Arity = ArgumentArity.OneOrMore,
    };

    private static readonly Option<OutputFormat> FormatOpt = FormatOption.Create(OutputFormat.Table, OutputFormat.Json);

    public static Command Create(TextWriter stdout)
    {
        var command = new Command("compare", "Compare NICs and measured datapaths side by side, with a ranking per criterion")
        {
            InputsArgument, FormatOpt,
        };
        command.SetAction(parse =>
        {
            var inputs = parse.GetValue(InputsArgument) ?? [];
            if (inputs.Length < 2)
            {
                throw new UsageException(string.Create(CultureInfo.InvariantCulture,
                    $"compare needs at least two inputs (results, probe snapshots or ethtool -k dumps), not {inputs.Length}"));
            }
            return new CompareRun(stdout).Execute(inputs, parse.GetValue(FormatOpt));
        });
        return command;
    }
}

/// <summary>Loads the inputs, compares them and writes the comparison; returns the exit code.</summary>
internal sealed class CompareRun(TextWriter output)
{
    public int Execute(IReadOnlyList<string> arguments, OutputFormat format)
    {
        var inputs = arguments.Select(CompareInputLoader.Load).ToList();
        var report = InputComparer.Compare(inputs);
        if (format == OutputFormat.Json)
        {
            output.Write(JsonSerializer.Serialize(report, CompareJsonContext.Default.CompareReport));
            output.Write('\n');
        }
        else
        {
            new CompareConsoleWriter(output).Write(report);
        }
        return ExitCodes.Success;
    }
}
