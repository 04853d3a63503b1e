using System.Globalization;

namespace PerfSuite.Report.Compare;

/// <summary>The comparison as plain text for a terminal: the inputs, then NIC, encapsulation offloads, measured
/// datapaths and rankings, each a table with one column per input. A gap reads "— reason".</summary>
public sealed class CompareConsoleWriter(TextWriter output)
{
    public void Write(CompareReport report)
    {
        var columns = report.Columns;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"PerfSuite compare: {columns.Count} inputs"));
        for (var i = 0; i < columns.Count; i++)
        {
            var c = columns[i];
            var host = c.Hostname is null ? "" : $", host {c.Hostname}{(c.Kernel is null ? "" : $", kernel {c.Kernel}")}";
            output.WriteLine($"  {Tag(i)} {c.Label}: {CompareFormatting.Kind(c.Kind)} {c.Source}{host}");
            foreach (var note in c.Notes)
                output.WriteLine($"      {note}");
        }
        // Full labels are in the list above; headers name the interface so that five inputs still fit a terminal.
        string[] header = ["", .. columns.Select((c, i) => $"{Tag(i)} {c.Interface ?? c.Label}")];

        output.WriteLine();
        var nic = new TextTable();
        nic.Add(["NIC", .. header[1..]]);
        foreach (var row in report.Nic)
            nic.Add([row.Item, .. row.Cells.Select(Cell)]);
        nic.Write(output);

        output.WriteLine();
        output.WriteLine("Encapsulation offloads (hardware: the NIC does it; software: the kernel does it on the CPU)");
        var encapsulations = new TextTable();
        encapsulations.Add(header);
        foreach (var row in report.Encapsulations)
        {
            encapsulations.Add([row.Encapsulation, .. row.Cells.Select(c => CompareFormatting.Verdict(c.Verdict))]);
            foreach (var aspect in row.Aspects)
                encapsulations.Add([$"  {aspect.Aspect} ({aspect.Features[0]})", .. aspect.Cells.Select(Offload)]);
            if (row.Datapath is not null)
                AddCosts(encapsulations, row);
        }
        encapsulations.Write(output);
        foreach (var row in report.Encapsulations.Where(r => r.SoftwareReason is not null))
            output.WriteLine($"{row.Encapsulation}: {row.SoftwareReason}");

        if (report.Datapaths.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("Measured (median over repetitions)");
            var measured = new TextTable();
            measured.Add(header);
            foreach (var row in report.Datapaths)
                AddMeasurements(measured, row);
            measured.Write(output);
        }

        output.WriteLine();
        output.WriteLine("Rankings (best first; \"=\" marks a tie: medians tie when their intervals overlap, each interval with its stated coverage; counts when equal)");
        var rankings = new TextTable();
        rankings.Add("criterion", "scope", "ranking");
        foreach (var ranking in report.Rankings)
        {
            var entries = ranking.Entries.Select(e => string.Create(CultureInfo.InvariantCulture,
                $"{e.Rank}{(e.Tied ? "=" : "")} {Tag(e.Column)} {Short(e.Text)}"));
            var unranked = ranking.Unranked.Select(u => $"{CompareFormatting.Gap} {Tag(u.Column)} {u.Reason}");
            rankings.Add(ranking.Criterion, ranking.Scope, string.Join(" · ", entries.Concat(unranked)));
        }
        rankings.Write(output);
    }

    /// <summary>The value without its interval: the console ranking stays on one line; the interval is in the
    /// measured table, the JSON and the page.</summary>
    private static string Short(string text)
    {
        var cut = text.IndexOf(" (", StringComparison.Ordinal);
        return cut > 0 && text.EndsWith(')') ? text[..cut] : text;
    }

    private static void AddCosts(TextTable table, EncapsulationRow row)
    {
        var depth = row.Cells.Max(c => c.Costs.Count);
        if (depth == 0)
        {
            table.Add([$"  cost ({row.Datapath} vs native)", .. row.Cells.Select(c => Gap(c.CostGap ?? "none"))]);
            return;
        }
        for (var k = 0; k < depth; k++)
        {
            table.Add([k == 0 ? $"  cost ({row.Datapath} tcp-stream)" : "", .. row.Cells.Select(c =>
                k < c.Costs.Count ? CompareFormatting.Cost(c.Costs[k]) : k == 0 ? Gap(c.CostGap ?? "none") : "")]);
        }
    }

    private static void AddMeasurements(TextTable table, DatapathComparison row)
    {
        table.Add([row.Label]);
        var metrics = ComparedMetric.All.Where(m => row.Cells.Any(c => m.Read(c) is not null)).ToList();
        foreach (var metric in metrics)
        {
            table.Add([$"  {metric.Name}", .. row.Cells.Select(c => metric.Read(c) is { } s
                ? Impl(c) + metric.WithInterval(s)
                : Gap(c.Gap ?? $"no {metric.Name}"))]);
        }
        if (metrics.Count == 0)
            table.Add(["  repetitions", .. row.Cells.Select(c => c.Gap is null ? CompareFormatting.Count(c.Ok) + " ok" : Gap(c.Gap))]);
    }

    private static string Impl(DatapathMeasurement m) =>
        m.Impl == Model.Datapaths.DatapathImplementation.Userspace ? "userspace: " : "";

    private static string Cell(CompareCell cell) => cell.Value ?? Gap(cell.Gap ?? "");

    private static string Offload(OffloadCell cell) => cell.State switch
    {
        OffloadState.Hardware => cell.Text[(cell.Feature!.Length + 2)..],
        OffloadState.Deferred => cell.Text[(cell.Feature!.Length + 2)..] + " (passed on)",
        OffloadState.Disabled => "off (changeable)",
        OffloadState.Unsupported => "off [fixed]",
        OffloadState.Absent => "not in kernel",
        _ => Gap(cell.Text),
    };

    private static string Gap(string reason) => reason.Length == 0 ? CompareFormatting.Gap : $"{CompareFormatting.Gap} {reason}";

    private static string Tag(int column) => string.Create(CultureInfo.InvariantCulture, $"[{column + 1}]");
}
