using PerfSuite.Lab.Offloads;
using PerfSuite.LoadGen.Traffic;
using PerfSuite.Model.Datapaths;
using PerfSuite.Model.Results;

namespace PerfSuite.Runner.Tests;

/// <summary>--precision on a scripted testbed whose paths return known values, so which cells get more rounds is known
/// exactly: no lab, no timing.</summary>
public sealed class SequentialRepetitionTests
{
    [Fact]
    public async Task Rounds_after_the_first_go_only_to_cells_whose_interval_is_still_too_wide()
    {
        // Given a quiet path (±0.1 %) and a noisy one (±20 %), a target of ±5 % at 95 % and at most 10 repetitions
        var quiet = new ScriptedPair("native", rep => 10e9 * (1 + 0.001 * (rep % 3 - 1)));
        var noisy = new ScriptedPair("vxlan", rep => 10e9 * (rep % 2 == 0 ? 0.8 : 1.2));
        var (document, progress) = await RunAsync([quiet, noisy], new PrecisionTarget(0.05, 0.95, MaxRepetitions: 10));

        // Then the quiet path stops at 6, the fewest repetitions whose order-statistic interval covers the median 95 %
        Assert.Equal(6, quiet.Measured);
        // and the noisy one runs to --max-reps, which the stage's line names
        Assert.Equal(10, noisy.Measured);
        Assert.Equal(16, document.Cells.Count);
        Assert.Contains(progress.Phases, p => p.Contains("1 of 2 cells within it after 6–10 repetitions", StringComparison.Ordinal)
                                              && p.Contains("--max-reps reached for vxlan tcp-stream ±20 %", StringComparison.Ordinal));
        // Rounds stay interleaved: every round visits the paths in matrix order, and 7..10 are the noisy path's alone
        Assert.Equal(["native", "vxlan", "native", "vxlan", "native", "vxlan"], document.Cells.Take(6).Select(c => c.Path));
        Assert.All(document.Cells.Where(c => c.Rep > 6), c => Assert.Equal("vxlan", c.Path));
        Assert.Equal(Enumerable.Range(1, 10), document.Cells.Where(c => c.Path == "vxlan").Select(c => c.Rep));
    }

    [Fact]
    public async Task Without_a_precision_target_every_cell_gets_exactly_its_repetitions()
    {
        var noisy = new ScriptedPair("vxlan", rep => 10e9 * (rep % 2 == 0 ? 0.8 : 1.2));

        var (document, _) = await RunAsync([noisy], precision: null);

        Assert.Equal(3, noisy.Measured);
        Assert.Equal([1, 2, 3], document.Cells.Select(c => c.Rep));
    }

    [Fact]
    public async Task Max_time_stops_the_rounds_and_says_so()
    {
        // A --max-time already spent when the first rounds end: nothing more is run.
        var noisy = new ScriptedPair("vxlan", rep => 10e9 * (rep % 2 == 0 ? 0.8 : 1.2));

        var (_, progress) = await RunAsync([noisy], new PrecisionTarget(0.05, 0.95, 30, TimeSpan.FromTicks(1)));

        Assert.Equal(3, noisy.Measured);
        Assert.Contains(progress.Phases, p => p.Contains("--max-time reached for vxlan tcp-stream", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_cell_records_its_placement_and_its_cpu_net_of_the_idle_baseline()
    {
        var placement = new CpuPlacement(CpuPlacement.Manual, [0], [1]);
        var pair = new ScriptedPair("native", _ => 10e9, placement);

        var (document, _) = await RunAsync([pair], precision: null);

        Assert.All(document.Cells, c =>
        {
            Assert.Equal(placement, c.Placement);
            var cpu = c.Metrics!.CpuAccounting!;
            Assert.Equal(0.25, cpu.IdleBaselineBusyCores);
            Assert.Equal(cpu.BusyLow - 0.25, cpu.NetBusyLow!.Value, 12);
        });
    }

    [Fact]
    public void A_precision_target_is_checked_against_the_repetitions()
    {
        Assert.Contains("--max-reps", Assert.Throws<Model.Errors.PerfSuiteException>(() => new PrecisionTarget(0.05, 0.95, 2).Validate(3)).Message);
        Assert.Contains("--precision", Assert.Throws<Model.Errors.PerfSuiteException>(() => new PrecisionTarget(0, 0.95).Validate(3)).Message);
        Assert.Contains("--confidence", Assert.Throws<Model.Errors.PerfSuiteException>(() => new PrecisionTarget(0.05, 1).Validate(3)).Message);
    }

    [Fact]
    public async Task A_time_budget_repeats_the_cells_whose_intervals_are_widest_and_leaves_the_narrow_ones()
    {
        // Given a quiet path (±0.1 %), a medium one (±5 %) and a noisy one (±20 %), and a budget the run never reaches
        var quiet = new ScriptedPair("native", rep => 10e9 * (1 + 0.001 * (rep % 3 - 1)));
        var medium = new ScriptedPair("vxlan", rep => 10e9 * (1 + 0.05 * (rep % 3 - 1)));
        var noisy = new ScriptedPair("same-node", rep => 10e9 * (rep % 2 == 0 ? 0.8 : 1.2));
        var (document, progress) = await RunAsync([quiet, medium, noisy], PrecisionTarget.Budget(TimeSpan.FromHours(1), maxRepetitions: 7));

        // Then the extra rounds go to the cells at least as wide as the median cell, up to --max-reps, and never to the quiet one
        Assert.Equal(3, quiet.Measured);
        Assert.Equal(7, medium.Measured);
        Assert.Equal(7, noisy.Measured);
        Assert.All(document.Cells.Where(c => c.Rep > 3), c => Assert.NotEqual("native", c.Path));
        Assert.Contains(progress.Phases, p => p.StartsWith("budget 60 min: 2 of 3 cells, those whose intervals were widest, got 8 more repetitions (up to 7); widest now same-node tcp-stream ±16.7 % (range of 7, covers the median 98.4 %)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_spent_budget_adds_no_round_and_says_so()
    {
        var noisy = new ScriptedPair("vxlan", rep => 10e9 * (rep % 2 == 0 ? 0.8 : 1.2));

        var (_, progress) = await RunAsync([noisy], PrecisionTarget.Budget(TimeSpan.FromTicks(1)));

        Assert.Equal(3, noisy.Measured);
        Assert.Contains(progress.Phases, p => p.Contains("no time was left for repetitions beyond the first rounds", StringComparison.Ordinal));
    }

    [Fact]
    public void The_widest_cells_that_the_time_left_holds_are_chosen_widest_first_and_kept_in_matrix_order()
    {
        // Given four cells of three repetitions with half-widths 1 %, 10 %, 30 % and 20 %
        var budget = PrecisionTarget.Budget(TimeSpan.FromMinutes(4));
        double[][] values = [[99, 100, 101], [90, 100, 110], [70, 100, 130], [80, 100, 120]];
        var cells = values.Select(v => v.Select((x, i) => new CellResult("native", DatapathImplementation.Kernel, 1500, "default",
            "tcp-stream", 1, i + 1, CellStatus.Ok, 1, 1500, 1500, 0, null, null, new CellMetrics(GoodputBps: x))).ToList()).ToList();
        var order = Enumerable.Range(0, 4).ToList();

        // When the time left holds one cell, then two, then all
        List<int> Chosen(int fit) => budget.Widest(order, _ => TestKind.TcpStream, k => cells[k], fit);

        // Then the widest first, never below the median width (15 %), in matrix order
        Assert.Equal([2], Chosen(1));
        Assert.Equal([2, 3], Chosen(2));
        Assert.Equal([2, 3], Chosen(int.MaxValue));
        Assert.Empty(Chosen(0));
    }

    private static async Task<(ResultsDocument Document, RecordingProgress Progress)> RunAsync(IReadOnlyList<ScriptedPair> pairs, PrecisionTarget? precision)
    {
        using var scratch = new ScratchDirectory();
        var spec = new RunSpec(pairs.Select(p => Datapath.Parse(p.Place.Path)).ToList(), [1500], [TestKind.TcpStream], 3,
            TimeSpan.FromSeconds(1), TimeSpan.Zero, 1, [OffloadProfiles.Default], scratch.File("r.json"), Precision: precision);
        var progress = new RecordingProgress();
        var document = await new MatrixRunner(spec, progress, new ScriptedTestbed(spec, pairs)).RunAsync(["run"], CancellationToken.None);
        return (document, progress);
    }

    private sealed class ScriptedPair(string path, Func<int, double> goodputOfRep, CpuPlacement? placement = null) : IEndpointPair
    {
        public int Measured { get; private set; }

        public RunPlace Place { get; } = new(path, DatapathImplementation.Kernel, 1500, "default", 1500, Placement: placement);

        public Task<CellMeasurement> MeasureAsync(TestSpec spec, CancellationToken cancel)
        {
            Measured++;
            var categories = new CpuByCategory(0.1, 0, 0.5, 0, 0.3, 0.05, 0, 1.05);
            return Task.FromResult(new CellMeasurement(new CellMetrics(GoodputBps: goodputOfRep(Measured), BusyCores: categories.Busy,
                CpuByCategory: categories, CpuAccounting: CpuAccounting.From(categories, 2, 1.0))));
        }
    }

    private sealed class ScriptedTestbed(RunSpec spec, IReadOnlyList<IEndpointPair> pairs) : ITestbed, ITestbedStage
    {
        public int CellCount => pairs.Count * spec.Tests.Count * spec.Repetitions;

        public int StageCount => 1;

        public IReadOnlyList<IEndpointPair> Ready => pairs;

        public IReadOnlyList<UnavailablePath> Unavailable => [];

        public void Validate()
        {
        }

        public Task<ITestbedStage> OpenStageAsync(int index, IRunProgress progress, CancellationToken cancel) => Task.FromResult<ITestbedStage>(this);

        public Task<RunEnvironment> ReadEnvironmentAsync(TimeSpan idleWindow, CancellationToken cancel) => Task.FromResult(
            new RunEnvironment("scripted", "6.1", "cpu", 2, 1 << 30, "perfsuite test", new Dictionary<string, string>(), [],
                IdleCpu: new CpuByCategory(0.05, 0, 0.15, 0, 0.05, 0, 0, 1.75)));

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    private sealed class RecordingProgress : IRunProgress
    {
        public List<string> Phases { get; } = [];

        public void Phase(string message) => Phases.Add(message);

        public void CellStarting(RunCellKey cell, int index, int total, TimeSpan remaining)
        {
        }

        public void CellFinished(CellResult result, int index, int total)
        {
        }
    }
}
