using System.Diagnostics;
using System.Globalization;
using PerfSuite.LoadGen.Agent;
using PerfSuite.LoadGen.Cpu;
using PerfSuite.LoadGen.Lab;
using PerfSuite.LoadGen.Lab.Offloads;
using PerfSuite.LoadGen.Traffic;
using PerfSuite.Model.Datapaths;
using PerfSuite.Model.Errors;
using PerfSuite.Model.Probe;
using PerfSuite.Model.Results;
using PerfSuite.Probe.Snapshots;

namespace PerfSuite.LoadGen.Runner;

/// <summary>
/// Runs the matrix of a <see cref="RunSpec"/> on the built-in lab: per underlay MTU and offload profile one lab
/// with every path up at once, an agent pair per path, and repetitions interleaved across paths (rep 1 of every
/// path, then rep 2 …) so drift hits all paths alike. Every finished cell is journaled before the next starts;
/// a failed cell is recorded with its reason and the run goes on; a path the host cannot build is recorded as
/// skipped with the lab's reason. Cancellation still leaves a valid (interrupted) results file and no lab.
/// </summary>
public sealed class MatrixRunner(RunSpec spec, IRunProgress progress, LabServices? services = null)
{
    private readonly LabServices _services = services ?? new LabServices();

    public async Task<ResultsDocument> RunAsync(IReadOnlyList<string> commandLine, CancellationToken cancel)
    {
        spec.Validate();
        if (!Environment.IsPrivilegedProcess)
            throw new PerfSuiteException(ErrorReason.PermissionDenied,
                "perfsuite run needs root: the lab creates network namespaces and devices (CAP_SYS_ADMIN, CAP_NET_ADMIN)");
        EnsureWritable(spec.OutputPath);
        var started = DateTimeOffset.UtcNow;
        ResultsJournal? journal = null;
        try
        {
            var index = 0;
            var total = spec.UnderlayMtus.Count * spec.Offloads.Count * spec.Paths.Count * spec.Tests.Count * spec.Repetitions;
            var clock = Stopwatch.StartNew();
            foreach (var mtu in spec.UnderlayMtus)
            {
                foreach (var offloads in spec.Offloads)
                {
                    cancel.ThrowIfCancellationRequested();
                    progress.Phase(string.Create(CultureInfo.InvariantCulture,
                        $"building the lab: {string.Join(", ", spec.Paths.Select(p => p.Name))} at underlay MTU {mtu}, offloads {offloads.Name}"));
                    await using var lab = await LabInstance.UpAsync(new LabSpec(spec.LabName, spec.Paths, mtu, OffloadProfile: offloads), _services, cancel);
                    journal ??= StartJournal(commandLine, started, lab);
                    foreach (var path in lab.Paths.Where(p => !p.IsReady))
                    {
                        foreach (var test in spec.Tests)
                        {
                            for (var rep = 1; rep <= spec.Repetitions; rep++)
                                Record(journal, NotRun(path, mtu, offloads, test, rep), ref index, total);
                        }
                    }
                    var ready = lab.ReadyPaths.ToList();
                    var agents = new Dictionary<LabPath, PathAgents>();
                    try
                    {
                        for (var rep = 1; rep <= spec.Repetitions; rep++)
                        {
                            foreach (var path in ready)
                            {
                                foreach (var test in spec.Tests)
                                {
                                    cancel.ThrowIfCancellationRequested();
                                    var key = new RunCellKey(path.Name, mtu, offloads.Name, TestKinds.Name(test), rep);
                                    progress.CellStarting(key, index + 1, total, Remaining(clock.Elapsed, index, total));
                                    var cell = await RunCellAsync(lab, path, agents, test, rep, offloads, cancel);
                                    Record(journal, cell, ref index, total);
                                }
                            }
                        }
                    }
                    finally
                    {
                        foreach (var pair in agents.Values)
                            await pair.DisposeAsync();
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

    private ResultsJournal StartJournal(IReadOnlyList<string> commandLine, DateTimeOffset started, LabInstance lab)
    {
        var probes = new List<ProbeDocument> { InterfaceProber.Probe(null, []) };
        // One node of each built path: the devices the traffic crossed, with their offload state.
        foreach (var path in lab.ReadyPaths)
            probes.Add(InterfaceProber.Probe(path.Nodes[0].Namespace, []));
        var environment = RunEnvironmentReader.Read(probes) with { IdleCpu = MeasureIdle() };
        var runId = started.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture) + "-" + environment.Hostname;
        return ResultsJournal.Start(spec.OutputPath, runId, started, commandLine, environment);
    }

    /// <summary>Node-wide CPU over one idle window as long as a cell's: the floor under every busy figure.</summary>
    private CpuByCategory MeasureIdle()
    {
        progress.Phase("measuring the idle baseline");
        var sampler = new CpuEdgeSampler();
        var start = sampler.Take();
        Thread.Sleep(spec.Duration);
        var account = CpuAccount.Between(start, sampler.Take());
        var c = account.Host.ByCategory;
        return new CpuByCategory(c.User, c.Nice, c.System, c.Irq, c.Softirq, c.Steal, c.Iowait, c.Idle);
    }

    private async Task<CellResult> RunCellAsync(LabInstance lab, LabPath path, Dictionary<LabPath, PathAgents> agents,
        TestKind test, int rep, OffloadProfile offloads, CancellationToken cancel)
    {
        var testSpec = spec.TestSpecFor(test, path.PodMtu);
        try
        {
            if (!agents.TryGetValue(path, out var pair) || pair.AnyExited)
            {
                if (pair is not null)
                    await pair.DisposeAsync();
                pair = await PathAgents.StartAsync(lab, path, cancel);
                agents[path] = pair;
            }
            var outcome = await AgentTestRun.RunAsync(pair.Server.Client, pair.Client.Client, testSpec, path.Server!.Address, cancel);
            return Cell(path, test, rep, offloads, CellStatus.Ok, null, outcome.ToCellMetrics(separateHosts: false));
        }
        catch (PerfSuiteException e)
        {
            // The agents may be wedged or gone: the next cell of this path starts fresh ones.
            if (agents.Remove(path, out var broken))
                await broken.DisposeAsync();
            return Cell(path, test, rep, offloads, CellStatus.Failed, e.Message, null);
        }
    }

    private CellResult Cell(LabPath path, TestKind test, int rep, OffloadProfile offloads, CellStatus status, string? reason,
        CellMetrics? metrics) => new(
        Path: path.Name,
        Impl: path.Impl ?? DatapathImplementation.Kernel,
        UnderlayMtu: path.UnderlayMtu,
        Offloads: offloads.Name,
        Test: TestKinds.Name(test),
        Streams: spec.Streams,
        Rep: rep,
        Status: status,
        DurationSeconds: spec.Duration.TotalSeconds,
        PodMtu: path.PodMtu,
        ObservedPathMtu: path.Verification?.ObservedPathMtu,
        MessageSize: test == TestKind.TcpStream ? TestSpec.DefaultMessageBytes : null,
        Reason: reason,
        Label: spec.Label,
        Metrics: metrics);

    private CellResult NotRun(LabPath path, int mtu, OffloadProfile offloads, TestKind test, int rep)
    {
        var status = path.Status == LabPathStatus.Skipped ? CellStatus.Skipped : CellStatus.Failed;
        var reason = path.Reason ?? (path.Verification is { Passed: false } v ? string.Join("; ", v.Failures) : "the path is not ready");
        return new CellResult(path.Name, path.Impl ?? DatapathImplementation.Kernel, mtu, offloads.Name, TestKinds.Name(test),
            spec.Streams, rep, status, spec.Duration.TotalSeconds, PodMtu: path.PodMtu, Reason: reason, Label: spec.Label);
    }

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
