using System.Globalization;
using System.Text.Json;
using PerfSuite.Model.Units;
using PerfSuite.Tune.Apply;
using PerfSuite.Tune.Findings;
using PerfSuite.Tune.Journal;
using PerfSuite.Tune.Verify;

namespace PerfSuite.Cli.Commands;

/// <summary>Writes a tune report as the versioned JSON document or as text for people: a table of findings, the
/// evidence of each, and what applying and verifying did.</summary>
internal sealed class TuneWriter(TextWriter output)
{
    public void Write(TuneReport report, OutputFormat format)
    {
        if (format == OutputFormat.Json)
        {
            output.Write(JsonSerializer.Serialize(report, TuneJsonContext.Default.TuneReport));
            output.Write('\n');
            return;
        }
        WriteHeader(report);
        if (report.Findings.Count == 0)
        {
            output.WriteLine("No findings: nothing to tune here.");
            WriteNotJudged(report);
            WriteEmptyJournal(report);
            return;
        }
        WriteTable(report.Findings);
        output.WriteLine();
        for (var i = 0; i < report.Findings.Count; i++)
            WriteDetail(i + 1, report.Findings[i]);
        if (report.Applied is { } applied)
            WriteApplied(report, applied);
        if (report.Verified is { Count: > 0 } verified)
            WriteVerified(verified);
        WriteNotJudged(report);
        if (report.Applied is null)
            output.WriteLine(report.Findings.Any(f => f.Action != FindingAction.Advise)
                ? "Nothing was changed. Run with --apply to make the 'apply' changes (journaled; undo with perfsuite tune rollback JOURNAL), add --verify to measure them."
                : "Nothing was changed: every finding is advice.");
    }

    public void Write(RollbackReport report, OutputFormat format)
    {
        if (format == OutputFormat.Json)
        {
            output.Write(JsonSerializer.Serialize(report, TuneJsonContext.Default.RollbackReport));
            output.Write('\n');
            return;
        }
        output.WriteLine($"Rollback of {report.Journal} in network namespace '{report.Netns ?? "host"}'");
        foreach (var item in report.Items)
        {
            var status = item.Status switch
            {
                RollbackItemStatus.Restored => "restored",
                RollbackItemStatus.AlreadyRolledBack => "already rolled back",
                _ => "FAILED",
            };
            output.WriteLine($"  [{item.Sequence}] {status,-20} {item.Undo}   ({item.FindingId}){(item.Detail is null ? "" : $": {item.Detail}")}");
        }
        var restored = report.Items.Count(i => i.Status == RollbackItemStatus.Restored);
        var already = report.Items.Count(i => i.Status == RollbackItemStatus.AlreadyRolledBack);
        var failed = report.Items.Count(i => i.Status == RollbackItemStatus.Failed);
        if (report.Items.Count == 0)
            output.WriteLine("  the journal records no change: nothing to restore");
        output.WriteLine($"{restored} restored, {already} already rolled back, {failed} failed");
    }

    private void WriteHeader(TuneReport report)
    {
        var a = report.Assumptions;
        var t = report.Topology;
        output.WriteLine($"Tune: network namespace '{report.Netns ?? "host"}' on {report.Hostname}, kernel {report.Kernel}");
        output.WriteLine($"  underlay: {t.Underlay ?? "unknown"} ({t.UnderlayEvidence}); CNI: {t.Cni}");
        output.WriteLine($"  tunnels: {(t.Tunnels.Count == 0 ? "none" : string.Join(", ", t.Tunnels))}");
        output.WriteLine($"  pod devices: {(t.PodDevices.Count == 0 ? "none" : string.Join(", ", t.PodDevices))}");
        output.WriteLine($"  pod MTU expected: {(t.ExpectedPodMtu?.ToString(CultureInfo.InvariantCulture) ?? "unknown")} ({t.ExpectedPodMtuEvidence})");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  sized for {Quantities.FormatBitRate(a.LinkSpeedBps)} × RTT {a.RoundTripTimeMs:0.###} ms (BDP {a.BandwidthDelayProductBytes / 1024 / 1024:0.##} MiB), {a.CpuCount} CPUs{(a.Path is null ? "" : $", path {a.Path}")}"));
        output.WriteLine();
    }

    private void WriteTable(IReadOnlyList<Finding> findings)
    {
        var rows = findings.Select((f, i) => new[]
        {
            (i + 1).ToString(CultureInfo.InvariantCulture), f.Rule, f.Subject.Name, f.Current, f.Proposed,
            f.Action.ToString().ToLowerInvariant(), f.RiskLevel.ToString().ToLowerInvariant(),
        }).ToList();
        string[] header = ["#", "finding", "subject", "current", "proposed", "action", "risk"];
        var widths = header.Select((h, c) => Math.Min(48, Math.Max(h.Length, rows.Max(r => r[c].Length)))).ToArray();
        output.WriteLine(Row(header, widths));
        foreach (var row in rows)
            output.WriteLine(Row(row, widths));
    }

    private static string Row(string[] cells, int[] widths) =>
        string.Join("  ", cells.Select((c, i) => i == cells.Length - 1 ? c : Cut(c, widths[i]).PadRight(widths[i]))).TrimEnd();

    private static string Cut(string text, int width) => text.Length <= width ? text : text[..(width - 1)] + "…";

    private void WriteDetail(int number, Finding finding)
    {
        output.WriteLine($"[{number}] {finding.Id}");
        output.WriteLine($"    why: {finding.Why}");
        output.WriteLine($"    source: {finding.Source}");
        output.WriteLine($"    expected effect: {finding.ExpectedEffect}");
        output.WriteLine($"    risk ({finding.RiskLevel.ToString().ToLowerInvariant()}): {finding.Risk}");
        foreach (var change in finding.Changes)
            output.WriteLine($"    change: {change.Describe()}");
        if (finding.Note is not null)
            output.WriteLine($"    note: {finding.Note}");
        output.WriteLine();
    }

    private void WriteApplied(TuneReport report, IReadOnlyList<AppliedFinding> applied)
    {
        if (applied.Count == 0)
        {
            output.WriteLine("Nothing to apply: every finding is advice or a measurement (run --verify to measure those).");
            WriteEmptyJournal(report);
            return;
        }
        output.WriteLine($"Applied (journal {report.Journal}):");
        var undone = (report.Verified ?? []).Where(v => v.Decision != VerifyDecision.Kept).Select(v => v.FindingId).ToHashSet();
        foreach (var finding in applied)
        {
            foreach (var change in finding.Changes)
            {
                var status = change.Status switch
                {
                    ChangeStatus.Applied when undone.Contains(finding.FindingId) => "undone",
                    ChangeStatus.Applied => "applied",
                    ChangeStatus.NotTaken => "NOT TAKEN",
                    ChangeStatus.Preserved => "journaled",
                    _ => "FAILED",
                };
                output.WriteLine($"  [{change.Sequence}] {status,-9} {change.Setting.Describe()}   (was: {change.Previous.Describe()}){(change.Detail is null ? "" : $": {change.Detail}")}");
            }
        }
        output.WriteLine($"Undo: perfsuite tune rollback {report.Journal}");
        output.WriteLine();
    }

    /// <summary>With --iface: the topology-level rules that could not be judged here, and why.</summary>
    private void WriteNotJudged(TuneReport report)
    {
        if (report.NotJudged is not { Count: > 0 } notJudged)
            return;
        output.WriteLine("Not judged here:");
        foreach (var item in notJudged)
            output.WriteLine($"  {string.Join(", ", item.Rules)}: {item.Reason}");
        output.WriteLine();
    }

    /// <summary>--apply with nothing to apply still writes its journal, so that rolling it back succeeds.</summary>
    private void WriteEmptyJournal(TuneReport report)
    {
        if (report.Journal is null)
            return;
        output.WriteLine($"Journal {report.Journal} records no change; perfsuite tune rollback {report.Journal} restores nothing and succeeds.");
    }

    private void WriteVerified(IReadOnlyList<Verification> verified)
    {
        output.WriteLine("Verified by measurement:");
        foreach (var v in verified)
        {
            var decision = v.Decision switch
            {
                VerifyDecision.Kept => "kept",
                VerifyDecision.RolledBack => "rolled back",
                _ => "not taken",
            };
            var medians = v.MedianBefore is { } b && v.MedianAfter is { } a
                ? string.Create(CultureInfo.InvariantCulture, $" median {Format(v.Metric, b)} -> {Format(v.Metric, a)};")
                : "";
            output.WriteLine($"  {v.FindingId}: {decision};{medians} {v.Reason}");
        }
        output.WriteLine();
    }

    private static string Format(string metric, double value) =>
        metric.EndsWith("Bps", StringComparison.Ordinal) ? Quantities.FormatBitRate(value) : value.ToString("0.###", CultureInfo.InvariantCulture);
}
