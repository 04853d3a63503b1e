using System.Globalization;
using PerfSuite.Model.Datapaths;
using PerfSuite.Model.Errors;
using PerfSuite.Model.Json;
using PerfSuite.Model.Results;

namespace PerfSuite.Report.Compare;

/// <summary>Puts loaded inputs side by side (<see cref="CompareReport"/>): one column per input, in the order
/// given. Nothing that fails to line up is an error — a datapath measured by one input only, an input without
/// results or without the interface asked for — it becomes a gap with its reason.</summary>
public static class InputComparer
{
    private static readonly string[] TestOrder = [TrafficTestNames.TcpStream, TrafficTestNames.TcpRr, TrafficTestNames.TcpCrr, TrafficTestNames.UdpStream];

    /// <summary>What the offload-coverage ranking counts (<see cref="OffloadAspect.Coverage"/> lists them).</summary>
    public static string OffloadCoverageScope { get; } =
        string.Create(CultureInfo.InvariantCulture, $"encapsulation offloads in NIC hardware (of {OffloadAspect.Coverage.Count})");

    public static CompareReport Compare(IReadOnlyList<CompareInput> inputs)
    {
        if (inputs.Count < 2)
            throw new PerfSuiteException(ErrorReason.InvalidArgument,
                string.Create(CultureInfo.InvariantCulture, $"compare needs at least two inputs, not {inputs.Count}"));

        var chosen = inputs.Select(InterfaceChooser.Choose).ToList();
        var columns = Columns(inputs, chosen);
        var nics = chosen.Select(c => c.Interface).ToList();
        // Table cells carry a short reason; the column's notes carry the whole story.
        var gaps = inputs.Select((input, i) => chosen[i].Interface is not null ? ""
            : input.RequestedInterface is { } requested ? $"no interface {requested}"
            : input.Kind == CompareInputKind.Results ? "no NIC snapshot in the results"
            : "no interface").ToList();

        var encapsulations = Encapsulations(inputs, nics, gaps);
        var datapaths = Datapaths(inputs);
        var rankings = new List<Ranking> { OffloadCoverage(nics, gaps) };
        rankings.AddRange(MeasuredRankings(inputs, datapaths));
        return new CompareReport(Schemas.Compare, columns, NicRows(nics, gaps), encapsulations, datapaths, rankings);
    }

    private static List<CompareColumn> Columns(IReadOnlyList<CompareInput> inputs,
        List<(ComparedInterface? Interface, IReadOnlyList<string> Notes)> chosen)
    {
        var labels = inputs.Select((input, i) => chosen[i].Interface is { } nic ? $"{input.Name}:{nic.QualifiedName}" : input.Name).ToList();
        // Two columns with one label (two snapshots of one host) are told apart by file name, then by position.
        var named = labels.ToList();
        for (var i = 0; i < labels.Count; i++)
        {
            if (named.Count(l => l == named[i]) > 1)
                labels[i] = chosen[i].Interface is { } nic ? $"{Path.GetFileName(inputs[i].Path)}:{nic.QualifiedName}" : Path.GetFileName(inputs[i].Path);
        }
        var byFile = labels.ToList();
        for (var i = 0; i < labels.Count; i++)
        {
            if (byFile.Count(l => l == byFile[i]) > 1)
                labels[i] = string.Create(CultureInfo.InvariantCulture, $"{byFile[i]} #{i + 1}");
        }

        return inputs.Select((input, i) =>
        {
            var notes = new List<string>(chosen[i].Notes);
            if (input.Kind != CompareInputKind.Results)
                notes.Add("no measurements: only results files carry goodput, CPU and latency");
            else if (input.Results!.Interrupted)
                notes.Add("the run was interrupted; its results hold the cells that finished");
            var nic = chosen[i].Interface;
            return new CompareColumn(labels[i], input.Path, input.Kind, input.Hostname, input.Kernel, nic?.QualifiedName,
                nic?.Kind, notes);
        }).ToList();
    }

    private static List<NicRow> NicRows(List<ComparedInterface?> nics, List<string> gaps)
    {
        var rows = new List<NicRow>();
        void Row(string item, Func<ComparedInterface, CompareCell> read)
        {
            rows.Add(new NicRow(item, nics.Select((nic, i) => nic is null ? CompareCell.Missing(gaps[i]) : read(nic)).ToList()));
        }
        CompareCell Part(ComparedInterface nic, string part, object? value, Func<string> text) =>
            value is null ? CompareCell.Missing(nic.Missing.GetValueOrDefault(part) ?? "not reported") : CompareCell.Of(text());
        static string OrNone(string value) => value.Length == 0 ? "none" : value;

        Row("kind", nic => CompareCell.Of(nic.Kind ?? "NIC"));
        Row("driver", nic => Part(nic, "driver", nic.Driver, () => nic.Driver!.Driver));
        Row("driver version", nic => Part(nic, "driver", nic.Driver, () => OrNone(nic.Driver!.Version)));
        Row("firmware", nic => Part(nic, "driver", nic.Driver, () => OrNone(nic.Driver!.FirmwareVersion)));
        Row("bus", nic => Part(nic, "driver", nic.Driver, () => OrNone(nic.Driver!.BusInfo)));
        Row("link speed", nic => Part(nic, "link", nic.Link, () => CompareFormatting.Speed(nic.Link!)));
        Row("MTU", nic => nic.Mtu is { } mtu ? CompareCell.Of(mtu.ToString(CultureInfo.InvariantCulture)) : CompareCell.Missing("not in ethtool -k/-i output"));
        Row("rx ring", nic => Part(nic, "rings", nic.Rings, () => CompareFormatting.CurrentOfMax(nic.Rings!.Rx, nic.Rings.RxMax)));
        Row("tx ring", nic => Part(nic, "rings", nic.Rings, () => CompareFormatting.CurrentOfMax(nic.Rings!.Tx, nic.Rings.TxMax)));
        Row("combined channels", nic => Part(nic, "channels", nic.Channels, () => CompareFormatting.CurrentOfMax(nic.Channels!.Combined, nic.Channels.MaxCombined)));
        // Separate rx and tx channels exist on a few drivers only; the rows appear when one of the inputs has them.
        if (nics.Any(n => n?.Channels is { } c && (c.MaxRx > 0 || c.Rx > 0)))
            Row("rx channels", nic => Part(nic, "channels", nic.Channels, () => CompareFormatting.CurrentOfMax(nic.Channels!.Rx, nic.Channels.MaxRx)));
        if (nics.Any(n => n?.Channels is { } c && (c.MaxTx > 0 || c.Tx > 0)))
            Row("tx channels", nic => Part(nic, "channels", nic.Channels, () => CompareFormatting.CurrentOfMax(nic.Channels!.Tx, nic.Channels.MaxTx)));
        return rows;
    }

    private static List<EncapsulationRow> Encapsulations(IReadOnlyList<CompareInput> inputs, List<ComparedInterface?> nics, List<string> gaps)
    {
        var rows = new List<EncapsulationRow>();
        foreach (var encapsulation in EncapsulationOffloads.All)
        {
            var aspects = encapsulation.Aspects
                .Select(a => new OffloadAspectRow(a.Name, a.Features, a.Meaning,
                    nics.Select((nic, i) => OffloadEvaluator.Evaluate(a, nic, gaps[i])).ToList()))
                .ToList();
            var cells = inputs.Select((input, i) =>
            {
                var (verdict, explanation) = OffloadEvaluator.Verdict(encapsulation, aspects.Count > 0 ? aspects[0].Cells[i] : null, nics[i]);
                if (encapsulation.Datapath is null)
                    return new EncapsulationCell(verdict, explanation, [], "no PerfSuite datapath measures it");
                if (input.Results is null)
                    return new EncapsulationCell(verdict, explanation, [], "not a results file");
                var (costs, gap) = EncapsulationCostCalculator.Costs(encapsulation.Datapath, input.Results);
                return new EncapsulationCell(verdict, explanation, costs, gap);
            }).ToList();
            rows.Add(new EncapsulationRow(encapsulation.Name, encapsulation.Datapath, encapsulation.SoftwareReason, aspects, cells));
        }
        return rows;
    }

    private static List<DatapathComparison> Datapaths(IReadOnlyList<CompareInput> inputs)
    {
        var summaries = inputs.Select(i => i.Results?.Summary ?? (i.Results is null ? [] : ResultsSummarizer.Summarize(i.Results.Cells))).ToList();
        var keys = summaries.SelectMany(s => s)
            .Select(g => (g.Path, g.UnderlayMtu, g.Offloads, g.Test, g.Streams))
            .Distinct()
            .OrderBy(k => Array.IndexOf(TestOrder, k.Test) is var t && t >= 0 ? t : TestOrder.Length)
            .ThenBy(k => k.Test, StringComparer.Ordinal)
            .ThenBy(k => Datapath.TryParse(k.Path, out var d) ? Datapath.All.ToList().IndexOf(d) : int.MaxValue)
            .ThenBy(k => k.Path, StringComparer.Ordinal)
            .ThenBy(k => k.UnderlayMtu)
            .ThenBy(k => k.Offloads == "default" ? 0 : 1)
            .ThenBy(k => k.Offloads, StringComparer.Ordinal)
            .ThenBy(k => k.Streams)
            .ToList();

        return keys.Select(key => new DatapathComparison(key.Path, key.UnderlayMtu, key.Offloads, key.Test, key.Streams,
            inputs.Select((input, i) =>
            {
                if (input.Results is null)
                    return new DatapathMeasurement("not a results file");
                var groups = summaries[i]
                    .Where(g => g.Path == key.Path && g.UnderlayMtu == key.UnderlayMtu && g.Offloads == key.Offloads
                        && g.Test == key.Test && g.Streams == key.Streams)
                    .OrderBy(g => g.Ok > 0 ? 0 : 1)
                    .ThenBy(g => g.Impl)
                    .ToList();
                return groups.Count == 0 ? new DatapathMeasurement("not measured") : Measurement(groups, input.Results);
            }).ToList())).ToList();
    }

    private static DatapathMeasurement Measurement(List<GroupSummary> groups, ResultsDocument results)
    {
        var group = groups[0];
        var note = groups.Count > 1
            ? $"also measured as {string.Join(", ", groups.Skip(1).Select(g => g.Impl == DatapathImplementation.Userspace ? "userspace" : "kernel"))}"
            : null;
        if (group.Ok == 0)
        {
            var key = CellGroupKey.Of(group);
            var reason = results.Cells.Where(c => CellGroupKey.Of(c) == key).Select(c => c.Reason).FirstOrDefault(r => r is not null);
            var status = group.Failed > 0 ? "failed" : "skipped";
            return new DatapathMeasurement(reason is null ? status : $"{status}: {reason}", group.Impl, 0, group.Failed, group.Skipped, Note: note);
        }
        MetricSummary? Read(ResultMetric metric) => group.Metrics.GetValueOrDefault(metric.Name);
        return new DatapathMeasurement(null, group.Impl, group.Ok, group.Failed, group.Skipped,
            Read(ResultMetrics.GoodputBps), Read(ResultMetrics.CoreSecondsPerGbit), Read(ResultMetrics.LatencyP99),
            Read(ResultMetrics.TransactionsPerSecond), note);
    }

    private static Ranking OffloadCoverage(List<ComparedInterface?> nics, List<string> gaps)
    {
        var aspects = OffloadAspect.Coverage;
        var candidates = new List<RankCandidate>();
        var unranked = new List<UnrankedColumn>();
        for (var i = 0; i < nics.Count; i++)
        {
            var nic = nics[i];
            if (nic is null)
            {
                unranked.Add(new UnrankedColumn(i, gaps[i]));
                continue;
            }
            if (nic.Features.Count == 0)
            {
                unranked.Add(new UnrankedColumn(i, "no features in this input"));
                continue;
            }
            if (nic.IsVirtual)
            {
                unranked.Add(new UnrankedColumn(i, $"{nic.Kind} device: no hardware to offload to"));
                continue;
            }
            var cells = aspects.Select(a => OffloadEvaluator.Evaluate(a, nic, "")).ToList();
            var inHardware = cells.Count(c => c.State == OffloadState.Hardware);
            var capable = cells.Count(c => c.State is OffloadState.Hardware or OffloadState.Disabled);
            candidates.Add(new RankCandidate(i, inHardware, null, null, string.Create(CultureInfo.InvariantCulture,
                $"{inHardware} of {aspects.Count} on{(capable > inHardware ? $", {capable} capable" : "")}")));
        }
        return new Ranking("offload coverage", OffloadCoverageScope,
            MetricDirection.HigherIsBetter, TiedRanking.EqualRule, TiedRanking.Rank(candidates, MetricDirection.HigherIsBetter), unranked);
    }

    private static IEnumerable<Ranking> MeasuredRankings(IReadOnlyList<CompareInput> inputs, List<DatapathComparison> datapaths)
    {
        foreach (var row in datapaths)
        {
            foreach (var metric in ComparedMetric.All.Where(m => m.Ranked))
            {
                if (!row.Cells.Any(c => metric.Read(c) is not null))
                    continue;
                var candidates = new List<RankCandidate>();
                var unranked = new List<UnrankedColumn>();
                for (var i = 0; i < row.Cells.Count; i++)
                {
                    // Inputs without results are explained once, in their column notes, not in every ranking.
                    if (inputs[i].Results is null)
                        continue;
                    var cell = row.Cells[i];
                    if (metric.Read(cell) is { } summary)
                        candidates.Add(new RankCandidate(i, summary.Median, summary.Lower, summary.Upper, metric.WithInterval(summary), summary.Coverage));
                    else
                        unranked.Add(new UnrankedColumn(i, cell.Gap ?? $"no {metric.Name} in these cells"));
                }
                yield return new Ranking(metric.Name, row.Label, metric.Direction, TiedRanking.IntervalRule(candidates),
                    TiedRanking.Rank(candidates, metric.Direction), unranked);
            }
        }
    }
}
