using System.Diagnostics;
using System.Globalization;
using PerfSuite.Lab;
using PerfSuite.LoadGen.Traffic;
using PerfSuite.Model.Errors;
using PerfSuite.Model.Results;
using PerfSuite.Model.Statistics;
using PerfSuite.Runner.Testbeds.Lab;

namespace PerfSuite.Runner;

/// <summary>
/// Runs the matrix of a <see cref="RunSpec"/> on a testbed: the built-in lab by default (per underlay MTU and offload
/// profile one lab with every path up at once, see <see cref="Testbeds.Lab.LabTestbed"/>), or two hosts
/// (<see cref="Testbeds.Remote.RemoteTestbed"/>). Repetitions are interleaved across paths (rep 1 of every path, then rep 2 …)
/// so drift hits all paths alike. Every finished cell is journaled before the next starts; a failed cell is recorded
/// with its reason and the run goes on; a path the testbed cannot bring up is recorded as skipped or failed with its
/// reason. Cancellation still leaves a valid (interrupted) results file and nothing running.
/// </summary>
public sealed class MatrixRunner(RunSpec spec, IRunProgress progress, ITestbed testbed)
{
    private double? _idleBusyCores;

    /// <summary>A run over the built-in lab.</summary>
    public MatrixRunner(RunSpec spec, IRunProgress progress, LabServices? services = null)
        : this(spec, progress, new LabTestbed(spec, services ?? new LabServices()))
    {
    }

    public async Task<ResultsDocument> RunAsync(IReadOnlyList<string> commandLine, CancellationToken cancel)
    {
        spec.Validate();
        testbed.Validate();
        EnsureWritable(spec.OutputPath);
        var started = DateTimeOffset.UtcNow;
        ResultsJournal? journal = null;
        try
        {
            var index = 0;
            var total = testbed.CellCount;
            var clock = Stopwatch.StartNew();
            for (var s = 0; s < testbed.StageCount; s++)
            {
                cancel.ThrowIfCancellationRequested();
                await using var stage = await testbed.OpenStageAsync(s, progress, cancel);
                if (journal is null)
                {
                    progress.Phase("measuring the idle baseline");
                    var environment = await stage.ReadEnvironmentAsync(spec.Duration, cancel);
                    _idleBusyCores = environment.IdleCpu?.Busy;
                    journal = StartJournal(commandLine, started, environment);
                }
                foreach (var path in stage.Unavailable)
                {
                    foreach (var test in spec.Tests)
                    {
                        for (var rep = 1; rep <= spec.Repetitions; rep++)
                            Record(journal, Cell(path.Place, test, rep, path.Status, path.Reason, null, ran: false), ref index, total);
                    }
                }
                // Rounds of pairs that share no endpoint run at once (a fleet's disjoint pairs of hosts); a lab's pairs
                // are one per round. The matrix is in round order, so precision rounds stay interleaved too.
                var rounds = stage.Rounds;
                var matrix = rounds.SelectMany(r => r).SelectMany(p => spec.Tests.Select(t => (Pair: p, Test: t))).ToList();
                var repetitions = matrix.ToDictionary(c => c, _ => new List<CellResult>());
                // A stage may use its share of --max-time, counted from the run's start.
                var deadline = spec.Precision?.MaxTime is { } maxTime ? maxTime * (s + 1) / testbed.StageCount : (TimeSpan?)null;
                // The stage's average cell so far (a round's concurrent cells count once each): what a budget's next round costs.
                var stageClock = Stopwatch.StartNew();
                var stageCells = 0;
                for (var rep = 1; ; rep++)
                {
                    var averageCell = stageCells == 0 ? TimeSpan.Zero : stageClock.Elapsed / stageCells;
                    var due = Round(matrix, repetitions, rep, clock.Elapsed, deadline, averageCell).ToHashSet();
                    if (due.Count == 0)
                        break;
                    if (rep > spec.Repetitions)
                        total += due.Count;
                    foreach (var round in rounds)
                    {
                        foreach (var test in spec.Tests)
                        {
                            cancel.ThrowIfCancellationRequested();
                            var pairs = round.Where(p => due.Contains((p, test))).ToList();
                            var running = new List<Task<CellResult>>();
                            foreach (var pair in pairs)
                            {
                                var place = pair.Place;
                                var key = new RunCellKey(place.Path, place.UnderlayMtu, place.Offloads, TestKinds.Name(test), rep);
                                progress.CellStarting(key, index + running.Count + 1, total, Remaining(clock.Elapsed, index, total));
                                running.Add(RunCellAsync(pair, test, rep, cancel));
                            }
                            // A round's pairs share no endpoint, so they run at once; their cells are journaled in order.
                            var cells = await Task.WhenAll(running);
                            for (var i = 0; i < cells.Length; i++)
                            {
                                repetitions[(pairs[i], test)].Add(cells[i]);
                                Record(journal, cells[i], ref index, total);
                            }
                            stageCells += cells.Length;
                        }
                    }
                }
                if (spec.Precision is { } target && repetitions.Count > 0)
                    progress.Phase(PrecisionOutcome(target, repetitions, clock.Elapsed, deadline, spec.Repetitions));
            }
            var document = journal!.Finish(DateTimeOffset.UtcNow);
            journal = null;
            return document;
        }
        catch (OperationCanceledException) when (journal is not null)
        {
            throw new RunInterruptedException(SaveInterrupted(journal));
        }
        finally
        {
            journal?.Dispose();
        }
    }

    /// <summary>The cells of round <paramref name="rep"/>: all of them for the first <see cref="RunSpec.Repetitions"/>;
    /// after that, with <see cref="RunSpec.Precision"/>, only those whose interval is still wider than the target, while
    /// the repetition and time limits allow. The order stays the matrix order, so rounds stay interleaved.
    /// With a time budget (<see cref="PrecisionTarget.SpendsBudget"/>) instead, the widest cells that the time left
    /// holds at <paramref name="averageCell"/> each.</summary>
    private List<(IEndpointPair Pair, TestKind Test)> Round(List<(IEndpointPair Pair, TestKind Test)> matrix,
        Dictionary<(IEndpointPair Pair, TestKind Test), List<CellResult>> repetitions, int rep, TimeSpan elapsed, TimeSpan? deadline,
        TimeSpan averageCell)
    {
        if (rep <= spec.Repetitions)
            return matrix;
        if (spec.Precision is not { } target || rep > target.MaxRepetitions || elapsed >= deadline)
            return [];
        if (target.SpendsBudget)
        {
            var fit = averageCell > TimeSpan.Zero && deadline is { } end ? (int)Math.Min(int.MaxValue, (end - elapsed) / averageCell) : int.MaxValue;
            return target.Widest(matrix, c => c.Test, c => repetitions[c], fit);
        }
        return matrix.Where(c => !target.IsMet(c.Test, repetitions[c])).ToList();
    }

    /// <summary>One line per stage: how many cells reached the target, and which did not and why they stopped.</summary>
    private static string PrecisionOutcome(PrecisionTarget target, Dictionary<(IEndpointPair Pair, TestKind Test), List<CellResult>> repetitions,
        TimeSpan elapsed, TimeSpan? deadline, int firstRounds)
    {
        var ci = CultureInfo.InvariantCulture;
        if (target.SpendsBudget)
            return BudgetOutcome(target, repetitions, firstRounds);
        var wide = repetitions.Where(r => !target.IsMet(r.Key.Test, r.Value)).ToList();
        var reps = repetitions.Values.Select(v => v.Count).ToList();
        var line = string.Create(ci,
            $"precision ±{target.HalfWidth * 100:0.#} % at {target.Level * 100:0.#} % coverage: {repetitions.Count - wide.Count} of {repetitions.Count} cells within it after {reps.Min()}–{reps.Max()} repetitions");
        if (wide.Count == 0)
            return line;
        var why = elapsed >= deadline ? "--max-time reached" : "--max-reps reached";
        var cells = wide.Select(r =>
        {
            var interval = target.IntervalOf(r.Key.Test, r.Value);
            var width = interval is null ? "no interval" : string.Create(ci, $"±{PrecisionTarget.RelativeHalfWidth(interval) * 100:0.#} %");
            return $"{r.Key.Pair.Place.Path} {TestKinds.Name(r.Key.Test)} {width}";
        });
        return $"{line}; {why} for {string.Join(", ", cells)}";
    }

    /// <summary>One line per stage for a time budget: which cells got extra repetitions, and the widest interval left.</summary>
    private static string BudgetOutcome(PrecisionTarget target, Dictionary<(IEndpointPair Pair, TestKind Test), List<CellResult>> repetitions,
        int firstRounds)
    {
        var ci = CultureInfo.InvariantCulture;
        var extra = repetitions.Where(r => r.Value.Count > firstRounds).ToList();
        var line = string.Create(ci, $"budget {target.MaxTime!.Value.TotalMinutes:0.#} min: ");
        line += extra.Count == 0
            ? "no time was left for repetitions beyond the first rounds"
            : string.Create(ci, $"{extra.Count} of {repetitions.Count} cells, those whose intervals were widest, got {extra.Sum(r => r.Value.Count - firstRounds)} more repetitions (up to {extra.Max(r => r.Value.Count)})");
        var widest = repetitions
            .Select(r => (r.Key, Interval: target.IntervalOf(r.Key.Test, r.Value)))
            .Where(r => r.Interval is not null)
            .MaxBy(r => PrecisionTarget.RelativeHalfWidth(r.Interval!));
        return widest.Interval is null
            ? line
            : string.Create(ci, $"{line}; widest now {widest.Key.Pair.Place.Path} {TestKinds.Name(widest.Key.Test)} ±{PrecisionTarget.RelativeHalfWidth(widest.Interval) * 100:0.#} % ({CoverageText.MedianInterval(repetitions[widest.Key].Count(c => c.Status == CellStatus.Ok), widest.Interval.Rank, widest.Interval.Coverage)})");
    }

    private ResultsJournal StartJournal(IReadOnlyList<string> commandLine, DateTimeOffset started, RunEnvironment environment)
    {
        var runId = started.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture) + "-" + environment.Hostname;
        return ResultsJournal.Start(spec.OutputPath, runId, started, commandLine, environment);
    }

    private async Task<CellResult> RunCellAsync(IEndpointPair pair, TestKind test, int rep, CancellationToken cancel)
    {
        var testSpec = spec.TestSpecFor(test, pair.Place.PodMtu, pair.Place.DataFamily);
        try
        {
            var measured = await pair.MeasureAsync(testSpec, cancel);
            return Cell(pair.Place, test, rep, CellStatus.Ok, null, measured);
        }
        catch (PerfSuiteException e)
        {
            return Cell(pair.Place, test, rep, CellStatus.Failed, e.Message, null);
        }
    }

    private CellResult Cell(RunPlace place, TestKind test, int rep, CellStatus status, string? reason, CellMeasurement? measured,
        bool ran = true) => new(
        Path: place.Path,
        Impl: place.Impl,
        UnderlayMtu: place.UnderlayMtu,
        Offloads: place.Offloads,
        Test: TestKinds.Name(test),
        Streams: spec.Streams,
        Rep: rep,
        Status: status,
        DurationSeconds: spec.Duration.TotalSeconds,
        PodMtu: place.PodMtu,
        ObservedPathMtu: ran ? measured?.ObservedPathMtu ?? place.ObservedPathMtu : null,
        MessageSize: ran && test == TestKind.TcpStream ? TestSpec.DefaultMessageBytes : null,
        Reason: reason,
        Label: spec.Label,
        Metrics: WithIdleBaseline(measured?.Metrics),
        CeilingBps: measured?.CeilingBps,
        Efficiency: measured?.Efficiency,
        Placement: place.Placement,
        Sender: place.Sender,
        Receiver: place.Receiver,
        Nics: measured?.Nics,
        Verification: place.Verification);

    /// <summary>The run's idle baseline goes into every cell's CPU accounting, so its busy is stated net of it too.</summary>
    private CellMetrics? WithIdleBaseline(CellMetrics? metrics) =>
        metrics?.CpuAccounting is { } accounting
            ? metrics with { CpuAccounting = accounting with { IdleBaselineBusyCores = _idleBusyCores } }
            : metrics;

    private void Record(ResultsJournal journal, CellResult cell, ref int index, int total)
    {
        journal.Append(cell);
        index++;
        progress.CellFinished(cell, index, total);
    }

    private static TimeSpan Remaining(TimeSpan elapsed, int done, int total) =>
        done == 0 ? TimeSpan.Zero : elapsed / done * (total - done);

    private ResultsDocument SaveInterrupted(ResultsJournal journal)
    {
        journal.Dispose();
        var document = ResultsJournal.Recover(journal.JournalPath);
        ResultsWriter.WriteAtomic(document, spec.OutputPath);
        File.Delete(journal.JournalPath);
        return document;
    }

    /// <summary>Fails before anything is built when the results cannot be written where asked.</summary>
    private static void EnsureWritable(string outputPath)
    {
        try
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(outputPath))!;
            Directory.CreateDirectory(directory);
            var probe = Path.Combine(directory, $".perfsuite-write-test-{Environment.ProcessId}");
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new PerfSuiteException(ErrorReason.InvalidArgument, $"cannot write results to '{outputPath}': {e.Message}");
        }
        if (Directory.Exists(outputPath))
            throw new PerfSuiteException(ErrorReason.InvalidArgument, $"cannot write results to '{outputPath}': it is a directory");
    }
}

/// <summary>A run ended early (Ctrl-C, SIGTERM): what was measured is saved in <see cref="Document"/>.</summary>
public sealed class RunInterruptedException(ResultsDocument document)
    : Exception($"the run was interrupted after {document.Cells.Count} cells")
{
    public ResultsDocument Document { get; } = document;
}
