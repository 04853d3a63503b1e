using System.Diagnostics;
using System.Globalization;
using PerfSuite.Lab;
using PerfSuite.LoadGen.Traffic;
using PerfSuite.Model.Errors;
using PerfSuite.Model.Results;
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
                    journal = StartJournal(commandLine, started, await stage.ReadEnvironmentAsync(spec.Duration, cancel));
                }
                foreach (var path in stage.Unavailable)
                {
                    foreach (var test in spec.Tests)
                    {
                        for (var rep = 1; rep <= spec.Repetitions; rep++)
                            Record(journal, Cell(path.Place, test, rep, path.Status, path.Reason, null, ran: false), ref index, total);
                    }
                }
                var rounds = stage.Rounds;
                for (var rep = 1; rep <= spec.Repetitions; rep++)
                {
                    foreach (var round in rounds)
                    {
                        foreach (var test in spec.Tests)
                        {
                            cancel.ThrowIfCancellationRequested();
                            var running = new List<Task<CellResult>>();
                            foreach (var pair in round)
                            {
                                var place = pair.Place;
                                var key = new RunCellKey(place.Path, place.UnderlayMtu, place.Offloads, TestKinds.Name(test), rep);
                                progress.CellStarting(key, index + running.Count + 1, total, Remaining(clock.Elapsed, index, total));
                                running.Add(RunCellAsync(pair, test, rep, cancel));
                            }
                            // A round's pairs share no endpoint, so they run at once; their cells are journaled in order.
                            foreach (var cell in await Task.WhenAll(running))
                                Record(journal, cell, ref index, total);
                        }
                    }
                }
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

    private ResultsJournal StartJournal(IReadOnlyList<string> commandLine, DateTimeOffset started, RunEnvironment environment)
    {
        var runId = started.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture) + "-" + environment.Hostname;
        return ResultsJournal.Start(spec.OutputPath, runId, started, commandLine, environment);
    }

    private async Task<CellResult> RunCellAsync(IEndpointPair pair, TestKind test, int rep, CancellationToken cancel)
    {
        var testSpec = spec.TestSpecFor(test, pair.Place.PodMtu);
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
        Metrics: measured?.Metrics,
        CeilingBps: measured?.CeilingBps,
        Efficiency: measured?.Efficiency,
        Sender: place.Sender,
        Receiver: place.Receiver,
        Nics: measured?.Nics);

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
