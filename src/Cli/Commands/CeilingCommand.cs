using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using PerfSuite.Model.Ceiling;
using PerfSuite.Model.Json;
using PerfSuite.Model.Units;

namespace PerfSuite.Cli.Commands;

/// <summary><c>perfsuite ceiling</c>: the goodput ceiling of every datapath by RFC 6349's formula, generalised.</summary>
internal static class CeilingCommand
{
    private static readonly Option<int> MtuOption = new("--mtu")
    {
        Description = "Underlay IP MTU in bytes",
        DefaultValueFactory = _ => 1500,
    };

    private static readonly Option<string> LineRateOption = new("--line-rate")
    {
        Description = "Line rate, decimal suffixes k/m/g/t (10g = 10 Gbit/s)",
        DefaultValueFactory = _ => "10g",
    };

    private static readonly Option<bool> NoTimestampsOption = new("--no-timestamps")
    {
        Description = "Inner TCP header without the timestamp option (40 bytes, as RFC 6349 counts) instead of 52",
    };

    private static readonly Option<bool> VlanOption = new("--vlan")
    {
        Description = "Frames carry an 802.1Q tag (4 more bytes on the wire)",
    };

    private static readonly Option<OutputFormat> FormatOpt = FormatOption.Create(OutputFormat.Table, OutputFormat.Json);

    public static Command Create(TextWriter stdout)
    {
        var command = new Command("ceiling", "Goodput ceiling of every datapath for an MTU and line rate (RFC 6349 §4.1.1)")
        {
            MtuOption, LineRateOption, NoTimestampsOption, VlanOption, FormatOpt,
        };
        command.SetAction(parse =>
        {
            var mtu = parse.GetValue(MtuOption);
            if (mtu <= 0 || mtu > 65535)
                throw new UsageException($"--mtu must be between 1 and 65535, not {mtu}");
            double lineRate;
            try
            {
                lineRate = Quantities.ParseBitRate(parse.GetValue(LineRateOption)!);
            }
            catch (FormatException e)
            {
                throw new UsageException($"--line-rate: {e.Message}");
            }
            var inputs = new CeilingInputs(lineRate, mtu,
                parse.GetValue(NoTimestampsOption) ? GoodputCeiling.Ipv4Tcp : GoodputCeiling.Ipv4TcpTimestamps,
                parse.GetValue(VlanOption));
            IReadOnlyList<CeilingResult> results;
            try
            {
                results = GoodputCeiling.ComputeAll(inputs);
            }
            catch (ArgumentOutOfRangeException e)
            {
                throw new UsageException(e.Message.Split(" (Parameter")[0]);
            }
            new CeilingWriter(stdout).Write(inputs, results, parse.GetValue(FormatOpt));
            return ExitCodes.Success;
        });
        return command;
    }
}

/// <summary>Renders ceiling results as a table or as the versioned JSON document.</summary>
internal sealed class CeilingWriter(TextWriter output)
{
    public void Write(CeilingInputs inputs, IReadOnlyList<CeilingResult> results, OutputFormat format)
    {
        if (format == OutputFormat.Json)
        {
            output.WriteLine(JsonSerializer.Serialize(CeilingDocument.From(inputs, results), ModelJsonContext.Default.CeilingDocument));
            return;
        }
        var ci = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(ci,
            $"Goodput ceiling at {Quantities.FormatBitRate(inputs.LineRateBps)}, underlay MTU {inputs.UnderlayMtu}, inner headers {inputs.InnerHeaderBytes} B{(inputs.VlanTagged ? ", 802.1Q" : "")}"));
        output.WriteLine();
        output.WriteLine($"{"path",-16} {"overhead",8} {"pod MTU",8} {"payload",8} {"wire B",7} {"frames/s",13} {"goodput",16} {"efficiency",10}");
        foreach (var r in results)
        {
            output.WriteLine(string.Create(ci,
                $"{r.Datapath.Name,-16} {r.OverheadBytes,8} {r.PodMtu,8} {r.PayloadBytes,8} {r.WireBytes,7} {Math.Floor(r.FramesPerSecond),13:N0} {Quantities.FormatBitRate(r.GoodputBps),16} {r.Efficiency * 100,9:0.00}%"));
        }
    }
}
