using System.Text.Json;
using PerfSuite.Model.Errors;
using PerfSuite.Model.Json;
using PerfSuite.Model.Probe;
using PerfSuite.Tune.Apply;
using PerfSuite.Tune.Changes;
using PerfSuite.Tune.Journal;
using PerfSuite.Tune.Tests.Support;

namespace PerfSuite.Tune.Tests.Journal;

public sealed class JournalTests : IDisposable
{
    private static readonly ProbeDocument Probe = new(Schemas.Probe, "node-a", "6.18.44", "ps-tjournal", DateTimeOffset.UnixEpoch,
    [
        new InterfaceSnapshot("cni0", 4, "bridge", 1500, "UP", null, "02:00:00:00:00:01", 1, 1, null,
            [new FeatureState("rx-gro", true, true, true, false)], null, null, null, null, null, []),
        new InterfaceSnapshot("veth0", 6, "veth", 1500, "UP", null, "02:00:00:00:00:03", 1, 1, null, [], null, null, null, null, null, []),
        new InterfaceSnapshot("flannel.1", 5, "vxlan", 1500, "UP", null, "02:00:00:00:00:02", 1, 1, null,
            [new FeatureState("rx-gro", false, false, false, false)], null, null, null, null, null, []),
    ]);

    private readonly ScratchDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private string JournalPath => _directory.File("tune.journal");

    private TuneJournal NewJournal() =>
        TuneJournal.Create(JournalPath, "ps-tjournal", "node-a", "6.18.44", ["tune", "--apply"], Probe, DateTimeOffset.UnixEpoch);

    private static InMemoryTunableSystem Node() => new InMemoryTunableSystem()
        .Set(new MtuSetting("cni0", 1500))
        .Set(new MtuSetting("flannel.1", 1500))
        .Set(new SysctlSetting("net.ipv4.tcp_rmem", "4096\t131072\t262144"))
        .Feature("flannel.1", "rx-gro", requested: false, active: false);

    private static RollbackReport Rollback(string path, InMemoryTunableSystem system) =>
        TuneRollback.Run(path, _ => system, DateTimeOffset.UnixEpoch);

    private string[] Lines() => File.ReadAllText(JournalPath).Split('\n', StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public void Each_intent_is_on_disk_with_the_value_read_before_the_change_is_made()
    {
        // Given a system that looks at the journal file at the moment of every write
        var system = Node();
        var seenAtWrite = new List<string>();
        system.BeforeWrite = setting => seenAtWrite.Add(File.ReadAllText(JournalPath).Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1]);
        using var journal = NewJournal();

        // When
        var applied = new TuneApplier(system, journal).Apply(TestFindings.Apply("mtu.tunnel-too-large@flannel.1", new MtuSetting("flannel.1", 1450)));

        // Then: at the write, the last line on disk was the intent with the old and new value
        var intent = Assert.IsType<JournalIntent>(JsonSerializer.Deserialize(Assert.Single(seenAtWrite), TuneJsonContext.Default.TuneJournalRecord));
        Assert.Equal(1, intent.Sequence);
        Assert.Equal(new MtuSetting("flannel.1", 1450), intent.Setting);
        Assert.Equal(new MtuSetting("flannel.1", 1500), intent.Previous);
        Assert.Equal("ip link set dev flannel.1 mtu 1500", intent.Undo);
        // and afterwards the outcome follows it
        var outcome = Assert.IsType<JournalOutcome>(JsonSerializer.Deserialize(Lines()[^1], TuneJsonContext.Default.TuneJournalRecord));
        Assert.Equal(ChangeStatus.Applied, outcome.Status);
        Assert.Equal(AppliedStatus.Applied, applied.Status);
    }

    [Fact]
    public void The_header_carries_the_schema_the_namespace_and_the_probe_snapshot_taken_before()
    {
        NewJournal().Dispose();

        var contents = TuneJournalReader.Read(JournalPath);

        Assert.StartsWith("{\"kind\":\"header\",\"schema\":\"perfsuite/tune-journal@1\"", Lines()[0], StringComparison.Ordinal);
        Assert.Equal("ps-tjournal", contents.Header.Netns);
        Assert.Equal(JsonSerializer.Serialize(Probe, ModelJsonContext.Default.ProbeDocument),
            JsonSerializer.Serialize(contents.Header.Probe, ModelJsonContext.Default.ProbeDocument));
        Assert.Empty(contents.Entries);
    }

    [Fact]
    public void Rollback_restores_every_value_newest_first_even_when_one_knob_changed_twice()
    {
        // Given flannel.1 lowered twice by two findings, and a sysctl and a feature changed
        var system = Node();
        using (var journal = NewJournal())
        {
            var applier = new TuneApplier(system, journal);
            applier.Apply(TestFindings.Apply("a@flannel.1", new MtuSetting("flannel.1", 1450)));
            applier.Apply(TestFindings.Apply("b@flannel.1", new MtuSetting("flannel.1", 1400)));
            applier.Apply(TestFindings.Apply("c@x", new SysctlSetting("net.ipv4.tcp_rmem", "4096 131072 16777216")));
            applier.Apply(TestFindings.Apply("d@flannel.1", new FeatureSetting("flannel.1", new Dictionary<string, bool> { ["rx-gro"] = true })));
        }
        Assert.Equal(new MtuSetting("flannel.1", 1400), system.Current("mtu flannel.1"));

        // When
        var report = Rollback(JournalPath, system);

        // Then
        Assert.Equal([4, 3, 2, 1], report.Items.Select(i => i.Sequence));
        Assert.All(report.Items, i => Assert.Equal(RollbackItemStatus.Restored, i.Status));
        Assert.Equal(new MtuSetting("flannel.1", 1500), system.Current("mtu flannel.1"));
        Assert.True(system.Current("sysctl net.ipv4.tcp_rmem").SameState(new SysctlSetting("net.ipv4.tcp_rmem", "4096 131072 262144")));
        Assert.Equal((false, false), system.FeatureState("flannel.1", "rx-gro"));
        Assert.All(TuneJournalReader.Read(JournalPath).Entries, e => Assert.True(e.IsRolledBack));
    }

    [Fact]
    public void A_second_rollback_changes_nothing_and_says_so()
    {
        var system = Node();
        using (var journal = NewJournal())
            new TuneApplier(system, journal).Apply(TestFindings.Apply("a@cni0", new MtuSetting("cni0", 1450)));
        Rollback(JournalPath, system);
        var writes = system.Writes.Count;
        var lines = Lines().Length;
        // Someone changes the knob after the rollback; a second rollback must not clobber it.
        system.Set(new MtuSetting("cni0", 9000));

        // When
        var second = Rollback(JournalPath, system);

        // Then
        var item = Assert.Single(second.Items);
        Assert.Equal(RollbackItemStatus.AlreadyRolledBack, item.Status);
        Assert.Equal(writes, system.Writes.Count);
        Assert.Equal(lines, Lines().Length);
        Assert.Equal(new MtuSetting("cni0", 9000), system.Current("mtu cni0"));
    }

    [Fact]
    public void A_change_journaled_but_never_made_is_undone_safely_after_a_crash()
    {
        // Given a process that died between writing the intent and making the change
        var system = Node();
        using (var journal = NewJournal())
            journal.Intend("a@cni0", new MtuSetting("cni0", 1450), system.Read(new MtuSetting("cni0", 0)));
        Assert.Empty(system.Writes);
        var entry = Assert.Single(TuneJournalReader.Read(JournalPath).Entries);
        Assert.Null(entry.Outcome);

        // When
        var report = Rollback(JournalPath, system);

        // Then: the value that was there is written again, which changes nothing, and the entry is closed
        Assert.Equal(RollbackItemStatus.Restored, Assert.Single(report.Items).Status);
        Assert.Equal(new MtuSetting("cni0", 1500), system.Current("mtu cni0"));
        Assert.Equal([new MtuSetting("cni0", 1500)], system.Writes);
        Assert.True(Assert.Single(TuneJournalReader.Read(JournalPath).Entries).IsRolledBack);
    }

    [Fact]
    public void A_change_made_but_not_yet_recorded_is_undone_after_a_crash()
    {
        var system = Node();
        using (var journal = NewJournal())
        {
            journal.Intend("a@cni0", new MtuSetting("cni0", 1450), system.Read(new MtuSetting("cni0", 0)));
            system.Write(new MtuSetting("cni0", 1450));
        }

        Rollback(JournalPath, system);

        Assert.Equal(new MtuSetting("cni0", 1500), system.Current("mtu cni0"));
    }

    [Fact]
    public void A_torn_last_line_is_dropped_and_the_rollback_records_start_on_a_line_of_their_own()
    {
        // Given a crash in the middle of writing the second intent
        var system = Node();
        using (var journal = NewJournal())
            new TuneApplier(system, journal).Apply(TestFindings.Apply("a@cni0", new MtuSetting("cni0", 1450)));
        File.AppendAllText(JournalPath, "{\"kind\":\"intent\",\"sequence\":2,\"findingId\":\"b@cni0\",\"sett");

        // When
        var before = TuneJournalReader.Read(JournalPath);
        Rollback(JournalPath, system);
        var after = TuneJournalReader.Read(JournalPath);

        // Then
        Assert.True(before.TornLastLine);
        Assert.Single(before.Entries);
        Assert.Equal(new MtuSetting("cni0", 1500), system.Current("mtu cni0"));
        Assert.True(Assert.Single(after.Entries).IsRolledBack);
    }

    [Fact]
    public void Feature_rollback_restores_the_requested_bits_even_where_the_active_state_never_followed()
    {
        // Given rx-gro requested on but held off by a dependency, then switched off
        var system = new InMemoryTunableSystem().Feature("veth0", "rx-gro", requested: true, active: false, blocked: true);
        using (var journal = NewJournal())
        {
            var applied = new TuneApplier(system, journal).Apply(
                TestFindings.Apply("a@veth0", new FeatureSetting("veth0", new Dictionary<string, bool> { ["rx-gro"] = false })));
            Assert.Equal(AppliedStatus.Applied, applied.Status);
        }
        Assert.Equal((false, false), system.FeatureState("veth0", "rx-gro"));

        // When
        var report = Rollback(JournalPath, system);

        // Then: requested on again, exactly as it was; active stays where the kernel keeps it
        Assert.Equal(RollbackItemStatus.Restored, Assert.Single(report.Items).Status);
        Assert.Equal((true, false), system.FeatureState("veth0", "rx-gro"));
    }

    [Fact]
    public void A_write_that_fails_is_journaled_as_failed_and_the_rest_goes_on()
    {
        var system = Node();
        system.Failing.Add("mtu cni0");
        AppliedFinding applied;
        using (var journal = NewJournal())
            applied = new TuneApplier(system, journal).Apply(TestFindings.Apply("a@cni0",
                new MtuSetting("cni0", 1450), new MtuSetting("flannel.1", 1450)));

        Assert.Equal(AppliedStatus.Partial, applied.Status);
        Assert.Equal([ChangeStatus.Failed, ChangeStatus.Applied], applied.Changes.Select(c => c.Status));
        Assert.Equal("writing mtu cni0: Operation not permitted", applied.Changes[0].Detail);
        var entries = TuneJournalReader.Read(JournalPath).Entries;
        Assert.Equal(ChangeStatus.Failed, entries[0].Outcome!.Status);
    }

    [Fact]
    public void A_value_the_driver_rounds_is_reported_as_not_taken_with_what_it_reads_back()
    {
        var rings = new RingParams(4096, 0, 0, 4096, 512, 0, 0, 512);
        var system = new InMemoryTunableSystem().Set(new RingSetting("eth0", rings));
        system.Driver = s => s is RingSetting r ? r with { Rings = r.Rings with { Rx = r.Rings.Rx - r.Rings.Rx % 1000 } } : s;
        AppliedFinding applied;
        using (var journal = NewJournal())
            applied = new TuneApplier(system, journal).Apply(TestFindings.Apply("a@eth0", new RingSetting("eth0", rings with { Rx = 4096, Tx = 4096 })));

        var change = Assert.Single(applied.Changes);
        Assert.Equal(ChangeStatus.NotTaken, change.Status);
        Assert.Equal("reads back as ethtool -G eth0 rx 4000 rx-mini 0 rx-jumbo 0 tx 4096", change.Detail);
        Assert.Equal(AppliedStatus.NotTaken, applied.Status);
    }

    [Fact]
    public void Every_kind_of_setting_survives_the_journal()
    {
        TuneSetting[] settings =
        [
            new FeatureSetting("eth0", new Dictionary<string, bool> { ["rx-gro"] = true, ["rx-gro-hw"] = false }),
            new RingSetting("eth0", new RingParams(4096, 0, 0, 4096, 512, 0, 0, 512)),
            new ChannelSetting("eth0", new ChannelParams(0, 0, 1, 8, 0, 0, 1, 2)),
            new CoalesceSetting("eth0", new CoalesceParams(1, 2, 3, 4, 5, 6, 7, 8, 9, true, false, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22)),
            new MtuSetting("eth0", 9000),
            new SysctlSetting("net.ipv4.tcp_wmem", "4096 16384 16777216"),
            new RpsSetting("eth0", "rx-0", "ff"),
            new RouteMtuSetting("10.42.0.0/24", "10.0.0.1", "eth0", 1450),
        ];
        using (var journal = NewJournal())
        {
            foreach (var s in settings)
                journal.Intend("x@eth0", s, s);
        }

        var read = TuneJournalReader.Read(JournalPath).Entries.Select(e => e.Intent.Setting).ToList();

        Assert.Equal(settings.Length, read.Count);
        Assert.All(settings.Zip(read), p => Assert.True(p.First.SameState(p.Second), p.First.Describe()));
        Assert.Equal(settings.Select(s => s.GetType()), read.Select(s => s.GetType()));
    }

    [Fact]
    public void A_journal_is_never_overwritten()
    {
        NewJournal().Dispose();

        var error = Assert.Throws<PerfSuiteException>(NewJournal);

        Assert.Equal(ErrorReason.Busy, error.Reason);
        Assert.Contains("already exists", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_journal_is_not_found()
    {
        var error = Assert.Throws<PerfSuiteException>(() => TuneJournalReader.Read(JournalPath));

        Assert.Equal(ErrorReason.NotFound, error.Reason);
        Assert.Equal($"no tune journal {JournalPath}", error.Message);
    }

    [Theory]
    [InlineData("", "is empty")]
    [InlineData("{\"schema\":\"perfsuite/results@1\",\"cells\":[]}\n", "is not a tune journal: line 1 is not a perfsuite/tune-journal@1 header")]
    [InlineData("not json at all\n", "is not a tune journal")]
    [InlineData("{\"kind\":\"header\",\"schema\":\"perfsuite/tune-journal@9\",\"createdUtc\":\"2026-01-01T00:00:00Z\",\"hostname\":\"h\",\"kernel\":\"k\",\"netns\":null,\"commandLine\":[],\"probe\":{\"schema\":\"perfsuite/probe@1\",\"hostname\":\"h\",\"kernel\":\"k\",\"netns\":null,\"takenUtc\":\"2026-01-01T00:00:00Z\",\"interfaces\":[]}}\n",
        "schema 'perfsuite/tune-journal@9' is not perfsuite/tune-journal@1")]
    public void A_file_that_is_not_a_journal_is_refused_in_one_line(string content, string message)
    {
        File.WriteAllText(JournalPath, content);

        var error = Assert.Throws<PerfSuiteException>(() => TuneJournalReader.Read(JournalPath));

        Assert.Equal(ErrorReason.InvalidArgument, error.Reason);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void A_corrupt_line_before_the_last_is_refused_with_its_number()
    {
        var system = Node();
        using (var journal = NewJournal())
        {
            var applier = new TuneApplier(system, journal);
            applier.Apply(TestFindings.Apply("a@cni0", new MtuSetting("cni0", 1450)));
            applier.Apply(TestFindings.Apply("b@cni0", new MtuSetting("cni0", 1400)));
        }
        var lines = Lines();
        lines[2] = lines[2][..20];
        File.WriteAllText(JournalPath, string.Join('\n', lines) + "\n");

        var error = Assert.Throws<PerfSuiteException>(() => Rollback(JournalPath, system));

        Assert.Contains("is corrupt: line 3 is not a journal record", error.Message, StringComparison.Ordinal);
        Assert.Equal(new MtuSetting("cni0", 1400), system.Current("mtu cni0"));
    }

    [Fact]
    public void An_outcome_without_its_intent_is_corrupt()
    {
        NewJournal().Dispose();
        File.AppendAllText(JournalPath, "{\"kind\":\"outcome\",\"sequence\":7,\"status\":\"Applied\",\"readBack\":null,\"detail\":null}\n");

        var error = Assert.Throws<PerfSuiteException>(() => TuneJournalReader.Read(JournalPath));

        Assert.Contains("line 2 refers to change 7, which has no intent", error.Message, StringComparison.Ordinal);
    }
}
