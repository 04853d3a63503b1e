using System.Diagnostics;

namespace PerfSuite.EndToEnd.Tests.Fuzz;

/// <summary>
/// Every reader of a document a user hands PerfSuite — a results file or a run's journal (report, gate, compare,
/// results recover), a probe snapshot (compare), a tune journal (tune rollback) — given mutated real documents
/// (<see cref="FuzzDocuments"/>): exit 0/1/3, or exit 2 with one line; never a trace, never a hang. The readers that
/// only read and write files run in this process (the CLI's own entry point, with every output inside the test's
/// folder); tune rollback runs as its own process as root (it refuses to start otherwise), on journals whose namespace,
/// device and sysctl key do not exist.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
[Collection(FuzzCollection.Name)]
public sealed class DocumentReaderFuzzTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan CaseLimit = TimeSpan.FromSeconds(60);

    private readonly ScratchDirectory _directory = new();
    private int _next;

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Mutated_results_files_and_journals_exit_cleanly_in_every_reader()
    {
        // Given a results file and a run's journal as the product writes them, and the mutations of each
        var good = _directory.File("good.json");
        PerfSuite.Model.Results.ResultsWriter.WriteAtomic(SampleRun.Lab(), good);
        var journal = FuzzDocuments.WriteResultsJournal(_directory.File("interrupted.json"));
        var snapshot = Path.Combine(AppContext.BaseDirectory, "Fixtures", "compare", "host.probe.json");
        var cases = new List<(string Name, string[] Args)>();
        foreach (var (name, bytes) in FuzzDocuments.Mutations(File.ReadAllBytes(good), fields: 24))
        {
            var file = Write("results", bytes);
            cases.Add(($"results {name}: report", ["report", file, "--out", Fresh("report")]));
            cases.Add(($"results {name}: gate --baseline", ["gate", "--baseline", file, "--current", good]));
            cases.Add(($"results {name}: gate --current", ["gate", "--baseline", good, "--current", file]));
            cases.Add(($"results {name}: compare", ["compare", file, good, "--out", Fresh("compare")]));
        }
        foreach (var (name, bytes) in FuzzDocuments.Mutations(File.ReadAllBytes(journal), fields: 16, lines: 2))
        {
            var file = Write("journal", bytes, ".json.journal");
            cases.Add(($"journal {name}: results recover", ["results", "recover", file, "--out", Fresh("recovered") + ".json"]));
            cases.Add(($"journal {name}: report", ["report", file, "--out", Fresh("report")]));
            cases.Add(($"journal {name}: gate --current", ["gate", "--baseline", good, "--current", file]));
            cases.Add(($"journal {name}: compare", ["compare", file, good, "--out", Fresh("compare")]));
        }
        foreach (var (name, bytes) in FuzzDocuments.Mutations(File.ReadAllBytes(snapshot), fields: 24))
            cases.Add(($"probe snapshot {name}: compare", ["compare", Write("probe", bytes), snapshot, "--out", Fresh("compare")]));

        // When each reader runs on each
        var failures = new List<FuzzFailure>();
        var stopwatch = Stopwatch.StartNew();
        foreach (var (name, args) in cases)
        {
            var outcome = await FuzzInProcess.RunAsync(args, _directory.Path, _directory.File("xdg"), CaseLimit);
            if (FuzzVerdict.Judge(outcome) is { } problem)
                failures.Add(new FuzzFailure(name, problem, outcome));
        }
        output.WriteLine($"{cases.Count} mutated documents read in {stopwatch.Elapsed.TotalSeconds:0.0} s");

        // Then
        Assert.True(failures.Count == 0, $"{failures.Count} of {cases.Count} cases broke the rules:\n" + string.Join('\n', failures.Take(40)));
    }

    [Fact]
    public async Task Mutated_tune_journals_exit_cleanly_in_rollback_and_restore_nothing()
    {
        // Given a tune journal of changes to a namespace, device and sysctl that do not exist, and its mutations
        Requires.Root("tune rollback refuses to start without root");
        Assert.DoesNotContain(FuzzDocuments.AbsentNamespace, PerfSuite.Kernel.Namespaces.NetworkNamespace.List());
        using var sandbox = new FuzzSandbox();
        var original = sandbox.File("tune.journal");
        FuzzDocuments.WriteTuneJournal(original);
        var failures = new List<FuzzFailure>();
        var count = 0;
        var stopwatch = Stopwatch.StartNew();
        foreach (var (name, bytes) in FuzzDocuments.Mutations(File.ReadAllBytes(original), fields: 16, lines: 3))
        {
            // When rollback reads each (as root: it refuses to start otherwise)
            var file = sandbox.File($"mutated-{count++}.journal");
            File.WriteAllBytes(file, bytes);
            var outcome = await sandbox.RunAsync(["tune", "rollback", file], asNobody: false, CaseLimit);

            // Then it ends cleanly, and never reports a restored change (none of the things exists)
            if (FuzzVerdict.Judge(outcome) is { } problem)
                failures.Add(new FuzzFailure($"tune journal {name}", problem, outcome));
            else if (outcome.Stdout.Contains(" restored ", StringComparison.Ordinal) && !outcome.Stdout.Contains("0 restored", StringComparison.Ordinal))
                failures.Add(new FuzzFailure($"tune journal {name}", "reports a restored change", outcome));
        }
        output.WriteLine($"{count} mutated tune journals rolled back in {stopwatch.Elapsed.TotalSeconds:0.0} s");
        Assert.True(failures.Count == 0, $"{failures.Count} of {count} cases broke the rules:\n" + string.Join('\n', failures.Take(40)));
    }

    private string Write(string kind, byte[] bytes, string extension = ".json")
    {
        var path = _directory.File($"{kind}-{_next++}{extension}");
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private string Fresh(string kind) => _directory.File($"{kind}-out-{_next++}");
}
