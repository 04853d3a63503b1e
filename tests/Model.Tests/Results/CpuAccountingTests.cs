using System.Text;
using System.Text.Json;
using PerfSuite.Model.Results;

namespace PerfSuite.Model.Tests.Results;

public sealed class CpuAccountingTests
{
    [Fact]
    public void Busy_leaves_steal_and_guest_out_and_accounted_adds_every_category()
    {
        var cpu = new CpuByCategory(User: 0.2, Nice: 0.01, System: 0.5, Irq: 0.02, Softirq: 0.3, Steal: 0.4, Iowait: 0.05, Idle: 0.5, Guest: 0.1);

        Assert.Equal(1.03, cpu.Busy, 12);
        Assert.Equal(1.03 + 0.4 + 0.05 + 0.5, cpu.Accounted, 12);
    }

    [Fact]
    public void The_accounted_fraction_agrees_with_the_categories_and_a_complete_window_has_no_flag()
    {
        var cpu = new CpuByCategory(0.2, 0, 0.9, 0, 0.4, 0.1, 0, 0.39);

        var accounting = CpuAccounting.From(cpu, cpuCount: 2, windowSeconds: 1.5, idleBaselineBusyCores: 0.1);

        Assert.Equal(cpu.Accounted / 2, accounting.AccountedFraction, 12);
        Assert.True(accounting.IsComplete);
        Assert.Null(accounting.Flag);
        Assert.Equal(1.5, accounting.TickBusyCores, 12);
        Assert.Equal(2 - 0.39 - 0.1, accounting.IdleDerivedBusyCores, 12);
        Assert.Equal(accounting.BusyLow - 0.1, accounting.NetBusyLow!.Value, 12);
        Assert.Equal(accounting.BusyHigh - 0.1, accounting.NetBusyHigh!.Value, 12);
    }

    [Fact]
    public void Missing_busy_ticks_make_busy_a_range_and_a_flag_with_the_reason()
    {
        // 2 CPUs, the tick sampled 1.40 busy cores but only 0.30 were idle: 0.30 cores' worth of busy went unsampled
        var cpu = new CpuByCategory(0.2, 0, 0.8, 0, 0.4, 0, 0, 0.3);

        var accounting = CpuAccounting.From(cpu, 2, 1.5);

        Assert.Equal(0.85, accounting.AccountedFraction, 12);
        Assert.False(accounting.IsComplete);
        Assert.Equal(1.4, accounting.BusyLow, 12);
        Assert.Equal(1.7, accounting.BusyHigh, 12);
        Assert.Equal("CPU categories covered 85.0 % of 2 CPUs × 1.50 s: busy time the tick never sampled (tick-based accounting under load); " +
                     "busy 1.40–1.70 cores (tick-sampled … idle-derived)", accounting.Flag);
        Assert.Null(accounting.NetBusyLow);
    }

    [Fact]
    public void Categories_adding_to_more_than_the_window_are_flagged_too()
    {
        var cpu = new CpuByCategory(0.1, 0, 0.2, 0, 0, 0.3, 0, 1.55);

        var accounting = CpuAccounting.From(cpu, 2, 1.5);

        Assert.Equal(1.075, accounting.AccountedFraction, 12);
        Assert.Contains("counted twice", accounting.Flag);
        Assert.Equal(0.15, accounting.BusyLow, 12);
        Assert.Equal(0.3, accounting.BusyHigh, 12);
    }

    [Fact]
    public void A_cell_written_before_issue_14_reads_without_accounting_guest_or_placement_and_its_busy_excludes_steal()
    {
        // Given a cell as the committed baseline's files have it: busy stored with steal inside, no new fields
        const string json = """
            {"path":"native","impl":"kernel","underlayMtu":1500,"offloads":"default","test":"tcp-stream","streams":1,"rep":1,
             "status":"ok","durationSeconds":1.5,"metrics":{"goodputBps":1e10,"busyCores":1.6,
             "cpuByCategory":{"user":0.1,"nice":0,"system":1.0,"irq":0,"softirq":0.4,"steal":0.1,"iowait":0,"idle":0.3,"busy":1.6}}}
            """;

        // When
        var cell = JsonSerializer.Deserialize(Encoding.UTF8.GetBytes(json), ResultsJsonContext.Default.CellResult)!;

        // Then
        Assert.Null(cell.Metrics!.CpuAccounting);
        Assert.Null(cell.Metrics.CpuByCategory!.Guest);
        Assert.Null(cell.Placement);
        Assert.Equal(1.5, cell.Metrics.CpuByCategory.Busy, 12);
        Assert.Equal(1.6, cell.Metrics.BusyCores);
    }

    [Fact]
    public void A_new_cell_round_trips_its_accounting_and_placement()
    {
        var cpu = new CpuByCategory(0.2, 0, 0.8, 0, 0.4, 0.05, 0, 0.3, Guest: 0);
        var cell = new CellResult("native", Model.Datapaths.DatapathImplementation.Kernel, 1500, "default", "tcp-stream", 1, 1, CellStatus.Ok, 1.5,
            Metrics: new CellMetrics(BusyCores: cpu.Busy, CpuByCategory: cpu, CpuAccounting: CpuAccounting.From(cpu, 2, 1.5, 0.02)),
            Placement: new CpuPlacement(CpuPlacement.Auto, [0], [1],
                Steering: [new ReceiveSteering(ReceiveSteering.ReceiverSide, "ps-run-na-n2p1", "eth0", "rx-0", [1])]));

        var text = JsonSerializer.Serialize(cell, ResultsJsonContext.Default.CellResult);
        var back = JsonSerializer.Deserialize(text, ResultsJsonContext.Default.CellResult)!;

        Assert.Equal(cell.Metrics!.CpuAccounting, back.Metrics!.CpuAccounting);
        Assert.Equal([0], back.Placement!.Sender);
        Assert.Equal([1], back.Placement.Receiver);
        Assert.Contains("\"accountedFraction\"", text);
        Assert.Contains("\"flag\"", text);
        Assert.Equal("sender 0, receiver 1 (auto)", back.Placement.Describe());
        var steered = Assert.Single(back.Placement.Steering!);
        Assert.Equal(("receiver", "ps-run-na-n2p1", "eth0", "rx-0"), (steered.Side, steered.Namespace, steered.Device, steered.Queue));
        Assert.Equal([1], steered.Cpus);
        Assert.Contains("\"steering\"", text);
        Assert.Equal("receive steering (RPS): 1 queue of the receiver's side on CPU 1", back.Placement.DescribeSteering());
    }

    [Fact]
    public void A_placement_without_steering_reads_as_written_before_it_and_says_nothing_about_it()
    {
        const string json = """{"policy":"manual","sender":[0],"receiver":[1],"note":null}""";

        var placement = JsonSerializer.Deserialize(json, ResultsJsonContext.Default.CpuPlacement)!;

        Assert.Null(placement.Steering);
        Assert.Null(placement.DescribeSteering());
        Assert.Equal("receive steering (RPS): none (the path's devices have no rps_cpus: a kernel without RPS)",
            (placement with { Steering = [] }).DescribeSteering());
    }
}
