using System.Text.Json;
using PerfSuite.Probe.Facts;
using PerfSuite.Tune.Apply;
using PerfSuite.Tune.Changes;
using PerfSuite.Tune.Journal;
using PerfSuite.Tune.Tests.Support;

namespace PerfSuite.Tune.Tests.Live;

/// <summary>A queue-count change makes drivers reset the RPS, XPS and interrupt affinity of the device's queues, so
/// rolling back the count alone is not exact: the values are journaled before the change and written back after
/// the count. veth has RPS and XPS files (the test resets them as a driver would); a device with interrupts is held
/// in fixture directories through <see cref="QueueSteeringFiles"/>' roots. Needs root; CI runs as root.</summary>
public sealed class ChannelRollbackLiveTests : IDisposable
{
    private readonly ScratchDirectory _directory = new();
    private readonly ScratchNamespace _ns = new();

    public ChannelRollbackLiveTests()
    {
        try
        {
            _ns.Ip("link", "add", "v0", "numtxqueues", "4", "numrxqueues", "4", "type", "veth", "peer", "name", "v1",
                "numtxqueues", "4", "numrxqueues", "4");
            Exec("ethtool", "-L", "v0", "rx", "2", "tx", "2");
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        _ns.Dispose();
        _directory.Dispose();
    }

    private string JournalPath => _directory.File("tune.journal");

    private string Exec(string program, params string[] args) => Shell.Run("ip", ["netns", "exec", _ns.Name, program, .. args]);

    private string Queue(string queue, string file) => Exec("cat", $"/sys/class/net/v0/queues/{queue}/{file}").Trim();

    private void SetQueue(string queue, string file, string value) =>
        Exec("sh", "-c", $"echo {value} > /sys/class/net/v0/queues/{queue}/{file}");

    private AppliedFinding ApplyFourQueues(Func<string?, ITunableSystem> open)
    {
        var facts = NetworkFactsCollector.Collect(_ns.Name);
        using var system = open(_ns.Name);
        using var journal = TuneJournal.Create(JournalPath, _ns.Name, "h", "k", [], facts.Probe, DateTimeOffset.UtcNow);
        var channels = (ChannelSetting)system.Read(new ChannelSetting("v0", null!));
        return new TuneApplier(system, journal).Apply(TestFindings.Apply("queues.channels-below-cpus@v0",
            new ChannelSetting("v0", channels.Channels with { Rx = 4, Tx = 4 })));
    }

    [Fact]
    public void Rollback_of_a_channel_change_restores_the_rps_and_xps_maps_the_driver_reset()
    {
        // Given two queues each way with steering of their own
        SetQueue("tx-0", "xps_cpus", "1");
        SetQueue("tx-1", "xps_cpus", "1");
        SetQueue("tx-0", "xps_rxqs", "2");
        SetQueue("tx-1", "xps_rxqs", "1");
        SetQueue("rx-0", "rps_cpus", "1");
        SetQueue("rx-1", "rps_cpus", "1");

        // When the count is raised to four, and the driver resets every queue's steering
        var applied = ApplyFourQueues(NamespaceTunableSystem.Open);
        Assert.Equal(AppliedStatus.Applied, applied.Status);
        Assert.Equal(["rps v0 rx-0", "rps v0 rx-1", "xps-cpus v0 tx-0", "xps-rxqs v0 tx-0", "xps-cpus v0 tx-1", "xps-rxqs v0 tx-1"],
            applied.Changes.Where(c => c.Status == ChangeStatus.Preserved).Select(c => c.Setting.Knob()));
        Assert.Contains("RX:\t\t4", Exec("ethtool", "-l", "v0"), StringComparison.Ordinal);
        foreach (var queue in new[] { "tx-0", "tx-1", "tx-2", "tx-3" })
        {
            SetQueue(queue, "xps_cpus", "0");
            SetQueue(queue, "xps_rxqs", "0");
        }
        foreach (var queue in new[] { "rx-0", "rx-1", "rx-2", "rx-3" })
            SetQueue(queue, "rps_cpus", "0");

        // And it is rolled back
        var report = TuneRollback.Run(JournalPath, NamespaceTunableSystem.Open);

        // Then the count is back, and so is every queue's steering as it was before the change
        Assert.All(report.Items, i => Assert.Equal(RollbackItemStatus.Restored, i.Status));
        var channels = Exec("ethtool", "-l", "v0");
        Assert.EndsWith("RX:\t\t2\nTX:\t\t2\nOther:\t\tn/a\nCombined:\tn/a\n", channels, StringComparison.Ordinal);
        Assert.Equal(["1", "1", "2", "1", "1", "1"],
            [Queue("tx-0", "xps_cpus"), Queue("tx-1", "xps_cpus"), Queue("tx-0", "xps_rxqs"), Queue("tx-1", "xps_rxqs"),
             Queue("rx-0", "rps_cpus"), Queue("rx-1", "rps_cpus")]);
        Assert.Equal("rx-0 rx-1 tx-0 tx-1", Exec("ls", "/sys/class/net/v0/queues").Replace('\n', ' ').Trim());
    }

    /// <summary>A device with two interrupts, 40 and 41, and another device's interrupt 99, in fixture directories.</summary>
    private (QueueSteeringFiles Files, string Proc, string Sys) DeviceWithInterrupts()
    {
        var sys = _directory.File("sys");
        var proc = _directory.File("proc");
        Interrupt(sys, proc, 40, "v0-TxRx-0", "1");
        Interrupt(sys, proc, 41, "v0-TxRx-1", "0");
        Directory.CreateDirectory(Path.Combine(proc, "irq/99/eth7-TxRx-0"));
        File.WriteAllText(Path.Combine(proc, "irq/99/smp_affinity_list"), "0-1\n");
        return (new QueueSteeringFiles(sys, proc), proc, sys);
    }

    private static void Interrupt(string sys, string proc, int irq, string action, string cpus)
    {
        Directory.CreateDirectory(Path.Combine(sys, "class/net/v0/device/msi_irqs"));
        File.WriteAllText(Path.Combine(sys, $"class/net/v0/device/msi_irqs/{irq}"), "msix\n");
        Directory.CreateDirectory(Path.Combine(proc, $"irq/{irq}/{action}"));
        File.WriteAllText(Path.Combine(proc, $"irq/{irq}/smp_affinity_list"), cpus + "\n");
    }

    private static string Affinity(string proc, int irq) => File.ReadAllText(Path.Combine(proc, $"irq/{irq}/smp_affinity_list")).Trim();

    [Fact]
    public void Rollback_restores_interrupt_affinity_to_the_same_queues_interrupts_when_the_driver_numbered_them_anew()
    {
        // Given a device whose two queue interrupts have affinities of their own
        var (files, proc, sys) = DeviceWithInterrupts();
        var open = (string? netns) => (ITunableSystem)NamespaceTunableSystem.Open(netns, files);

        // When the count changes and the driver frees 40 and 41 and requests 42 and 43 under the same names,
        // with the default affinity
        var applied = ApplyFourQueues(open);
        Assert.Equal(["irq-affinity v0 40", "irq-affinity v0 41"],
            applied.Changes.Where(c => c.Setting is IrqAffinitySetting).Select(c => c.Setting.Knob()));
        Directory.Delete(Path.Combine(sys, "class/net/v0/device/msi_irqs"), recursive: true);
        Directory.Delete(Path.Combine(proc, "irq/40"), recursive: true);
        Directory.Delete(Path.Combine(proc, "irq/41"), recursive: true);
        Interrupt(sys, proc, 42, "v0-TxRx-0", "0-1");
        Interrupt(sys, proc, 43, "v0-TxRx-1", "0-1");

        // And it is rolled back
        var report = TuneRollback.Run(JournalPath, open);

        // Then each queue's interrupt has its affinity back, and no other interrupt was touched
        Assert.All(report.Items, i => Assert.Equal(RollbackItemStatus.Restored, i.Status));
        Assert.Equal(("1", "0", "0-1"), (Affinity(proc, 42), Affinity(proc, 43), Affinity(proc, 99)));
    }

    [Fact]
    public void A_journal_naming_an_interrupt_of_another_device_does_not_write_it()
    {
        // Given a genuine journal of a channel change, with one forged interrupt affinity appended: 99 is
        // another device's interrupt
        var (files, proc, _) = DeviceWithInterrupts();
        var open = (string? netns) => (ITunableSystem)NamespaceTunableSystem.Open(netns, files);
        ApplyFourQueues(open);
        var forged = new IrqAffinitySetting("v0", 99, null, "0");
        var intent = new JournalIntent(TuneJournalReader.Read(JournalPath).LastSequence + 1, "evil", forged, forged, "whatever");
        File.AppendAllText(JournalPath, JsonSerializer.SerializeToNode<TuneJournalRecord>(intent, TuneJsonContext.Default.TuneJournalRecord)!.ToJsonString() + "\n");

        // When it is rolled back
        var report = TuneRollback.Run(JournalPath, open);

        // Then the forged change fails with the reason, 99 is as it was, and the genuine ones are restored
        var evil = Assert.Single(report.Items, i => i.FindingId == "evil");
        Assert.Equal(RollbackItemStatus.Failed, evil.Status);
        Assert.Contains("IRQ 99 is not an interrupt of v0's device now (its msi_irqs: 40,41)", evil.Detail, StringComparison.Ordinal);
        Assert.Equal("0-1", Affinity(proc, 99));
        Assert.All(report.Items.Where(i => i.FindingId != "evil"), i => Assert.Equal(RollbackItemStatus.Restored, i.Status));
    }
}
