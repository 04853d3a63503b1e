using PerfSuite.Cli.Commands;
using PerfSuite.Model.Results;

namespace PerfSuite.EndToEnd.Tests;

/// <summary>The table <c>perfsuite run</c> prints at the end, on the committed baseline (no lab needed).</summary>
public sealed class RunSummaryTests
{
    [Fact]
    public void The_run_summary_states_the_true_coverage_of_a_range_of_three_and_never_95_percent()
    {
        // Given the 2026-11-26 default run (three repetitions per cell, written with "coverage": 0.95)
        var document = ResultsReader.Load(RepositoryPaths.DefaultRun20261126);

        // When
        var output = new StringWriter();
        new RunSummaryWriter(output).Write(document, "results/baselines/lab-default.json", reportFollows: true);
        var text = output.ToString();

        // Then every goodput interval carries 75 %, the table says what the interval is, and nothing claims 95 %
        Assert.Contains("Gbit/s [interval] coverage", text);
        Assert.Contains("native           kernel     1500 13.5 [12.6, 14.4] 75 %", text);
        Assert.Contains("interval: range of 3, covers the median 75 %", text);
        Assert.DoesNotContain("95 %", text);
        Assert.DoesNotContain("95%", text);
    }

    [Fact]
    public void A_fleet_run_summary_without_an_outlier_says_how_close_each_host_came()
    {
        // Given four hosts, node-c 3 % slower to send from: significant, but under the rule's 5 % minimum effect
        var synthetic = new SyntheticFleet { Cv = 0.002, SenderGoodputFactor = new Dictionary<int, double> { [2] = 0.97 } };
        var document = synthetic.Document();
        document = document with { Fleet = Model.Fleet.FleetAnalyzer.Analyze(document.Cells, document.Environment) };

        // When
        var output = new StringWriter();
        new RunSummaryWriter(output).Write(document, "results/fleet.json", reportFollows: true);
        var lines = output.ToString().Split('\n');

        // Then it says nobody stands out, and gives every host's closest test, node-c's first
        Assert.Contains(lines, l => l.StartsWith("fleet: no host stands out (", StringComparison.Ordinal));
        var closest = lines.Where(l => l.StartsWith("  closest:", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, closest.Count);
        Assert.Matches(@"^  closest:    node-c as sender: goodputBps 0\.9[67]\d× the fleet \(-[23]\.\d %\), 3 of 3 peers differing, p .*, Holm p (< 0\.0001|0\.0[0-4]\d*) \(vxlan, MTU 1500, default, tcp-stream\)", closest[0]);
        Assert.DoesNotContain(lines, l => l.Contains("stands out:", StringComparison.Ordinal));
    }

    [Fact]
    public void The_run_summary_names_placement_steal_and_cells_whose_cpu_categories_do_not_cover_the_window()
    {
        // Given a run with one cell whose categories cover 85 % of 2 CPUs × 1.5 s, and steal and guest time in all others
        var document = ResultsReader.Load(RepositoryPaths.DefaultRun20261126);
        var placement = new CpuPlacement(CpuPlacement.Manual, [0], [1], Steering:
        [
            new ReceiveSteering(ReceiveSteering.SenderSide, "ps-r-na-n1p1", "eth0", "rx-0", [0]),
            new ReceiveSteering(ReceiveSteering.SenderSide, "ps-r-na-n1", "eth0", "rx-0", [0]),
            new ReceiveSteering(ReceiveSteering.ReceiverSide, "ps-r-na-n2p1", "eth0", "rx-0", [1]),
        ]);
        var short_ = new CpuByCategory(0.2, 0, 0.8, 0, 0.4, 0, 0, 0.3);
        var stolen = new CpuByCategory(0.2, 0, 0.8, 0, 0.4, 0.25, 0, 0.35, Guest: 0.15);
        var cells = document.Cells.Select((c, i) => c.Status != CellStatus.Ok ? c : c with
        {
            Placement = placement,
            Metrics = c.Metrics! with
            {
                CpuByCategory = i == 0 ? short_ : stolen,
                CpuAccounting = CpuAccounting.From(i == 0 ? short_ : stolen, 2, 1.5),
            },
        }).ToList();
        var first = cells[0];

        // When
        var output = new StringWriter();
        new RunSummaryWriter(output).Write(document with { Cells = cells }, "r.json", reportFollows: true);
        var text = output.ToString();

        // Then
        Assert.Contains("cpus: agents sender 0, receiver 1 (manual)", text);
        Assert.Contains("cpus: receive steering (RPS): 2 queues of the sender's side on CPU 0, 1 queue of the receiver's side on CPU 1", text);
        Assert.Contains("steal: median 0.25 cores, up to 0.25, taken by the hypervisor (shown apart, not busy)", text);
        Assert.Contains("guest: median 0.15 cores, up to 0.15, running this host's own virtual machines (already inside user and nice, so inside busy)", text);
        Assert.Contains($"cpu accounting: 1 of {cells.Count(c => c.Status == CellStatus.Ok)} cells outside 97–103 %; worst {first.Path} {first.Test} MTU {first.UnderlayMtu} rep 1: " +
                        "CPU categories covered 85.0 % of 2 CPUs × 1.50 s", text);
        Assert.Contains("busy 1.40–1.70 cores (tick-sampled … idle-derived)", text);
    }

    [Fact]
    public void The_readme_shows_the_summary_the_committed_default_run_prints()
    {
        // Given the committed default run and the README's table of it
        var output = new StringWriter();
        new RunSummaryWriter(output).Write(ResultsReader.Load(RepositoryPaths.DefaultBaseline), "results/baselines/lab-default.json", reportFollows: true);
        var printed = output.ToString().Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var readme = File.ReadAllLines(Path.Combine(RepositoryPaths.Root, "README.md"));
        var first = Array.FindIndex(readme, l => l.StartsWith("path             impl", StringComparison.Ordinal));
        var block = readme.Skip(first).TakeWhile(l => l != "```").ToList();

        // Then the README shows, line for line, what the run summary prints for it
        Assert.True(block.Count > 16, $"README table of {block.Count} lines");
        var at = printed.IndexOf(block[0]);
        Assert.True(at >= 0, "the run summary has no table header");
        Assert.Equal(block, printed.Skip(at).Take(block.Count));
    }

    [Fact]
    public void A_fleet_run_prints_its_pair_matrix_and_names_the_host_that_stands_out_with_the_settings_it_differs_in()
    {
        // Given four hosts measured pairwise, three repetitions each, where every pair sent by h3 runs at 40 % of the rest
        var baseline = ResultsReader.Load(RepositoryPaths.DefaultRun20261126);
        var template = baseline.Cells.First(c => c.Status == CellStatus.Ok && c.Test == TrafficTestNames.TcpStream);
        string[] hosts = ["h1", "h2", "h3", "h4"];
        var cells = (from sender in hosts
                     from receiver in hosts
                     where sender != receiver
                     from rep in Enumerable.Range(1, 3)
                     select template with
                     {
                         Sender = sender,
                         Receiver = receiver,
                         Rep = rep,
                         Metrics = template.Metrics! with
                         {
                             GoodputBps = (sender == "h3" ? 4e9 : 10e9) * (1 + 0.01 * (rep - 2)) * (1 + 0.003 * (receiver[1] - '0')),
                         },
                     }).ToList();
        var analysis = Model.Fleet.FleetAnalyzer.Analyze(cells, baseline.Environment)!;
        var outliers = analysis.Outliers.Select(o => o with
        {
            Evidence = [new SettingDifference("tx-udp_tnl-csum-segmentation", "off", "on", 3, 4)],
        }).ToList();
        var document = baseline with { Cells = cells, Summary = null, Fleet = analysis with { Outliers = outliers } };

        // When
        var output = new StringWriter();
        new RunSummaryWriter(output).Write(document, "r.json", reportFollows: true);
        var text = output.ToString();

        // Then the matrix has the senders' medians, and h3 alone is named as a sender, with its setting
        Assert.Contains($"fleet {template.Path} MTU {template.UnderlayMtu} {template.Offloads} tcp-stream: Gbit/s by sender (row) and receiver (column), medians", text);
        Assert.Contains("  h3           4.01     4.02        -     4.05", text);
        Assert.Contains("  h1              -    10.06    10.09    10.12", text);
        Assert.Contains($"fleet: 1 host(s) stand out ({analysis.Tests} tests):", text);
        Assert.Contains($"  stands out: h3 as sender: goodputBps 0.400× the fleet (-60.0 %), 3 of 3 peers differing", text);
        Assert.Contains("; differs in tx-udp_tnl-csum-segmentation off (3 of 4: on)", text);
        Assert.DoesNotContain("stands out: h1", text);
        Assert.DoesNotContain("no host stands out", text);
    }
}
