using System.Text.Json;
using PerfSuite.Model.Errors;
using PerfSuite.Model.Json;
using PerfSuite.Model.Probe;
using PerfSuite.Tune.Apply;
using PerfSuite.Tune.Changes;
using PerfSuite.Tune.Journal;
using PerfSuite.Tune.Tests.Support;

namespace PerfSuite.Tune.Tests.Journal;

/// <summary>A tune journal decides what rollback writes as root, so a tampered one must change nothing outside what
/// tune could have changed, and a journal others could have edited is not read at all.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class JournalRestrictionTests : IDisposable
{
    private static readonly ProbeDocument Probe = new(Schemas.Probe, "node-a", "6.18.44", "ps-tguard", DateTimeOffset.UnixEpoch,
    [
        new InterfaceSnapshot("cni0", 4, "bridge", 1500, "UP", null, "02:00:00:00:00:01", 1, 1, null, [], null, null, null, null, null, []),
    ]);

    private readonly ScratchDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private string JournalPath => _directory.File("tune.journal");

    /// <summary>A journal tune wrote (cni0's MTU lowered), then <paramref name="tampered"/> appended as one more change.</summary>
    private InMemoryTunableSystem JournalWith(TuneSetting? setting, TuneSetting? tampered)
    {
        var system = new InMemoryTunableSystem().Set(new MtuSetting("cni0", 1500));
        using (var journal = TuneJournal.Create(JournalPath, "ps-tguard", "node-a", "6.18.44", ["tune", "--apply"], Probe, DateTimeOffset.UnixEpoch))
            new TuneApplier(system, journal).Apply(TestFindings.Apply("a@cni0", new MtuSetting("cni0", 1450)));
        if (tampered is not null)
        {
            var intent = new JournalIntent(2, "evil", setting ?? tampered, tampered, "whatever");
            File.AppendAllText(JournalPath, JsonSerializer.SerializeToNode<TuneJournalRecord>(intent, TuneJsonContext.Default.TuneJournalRecord)!.ToJsonString() + "\n");
        }
        system.Writes.Clear();
        return system;
    }

    public static TheoryData<string, TuneSetting> Tampered => new()
    {
        { "kernel.core_pattern", new SysctlSetting("kernel.core_pattern", "|/tmp/evil") },
        { "kernel.modprobe", new SysctlSetting("kernel.modprobe", "/tmp/evil") },
        { "net.ipv4.ip_forward", new SysctlSetting("net.ipv4.ip_forward", "1") },
        { "not a value", new SysctlSetting("net.ipv4.tcp_rmem", "4096 131072 16777216; reboot") },
        { "not a receive queue", new RpsSetting("cni0", "../../../../../proc/sys/kernel/core_pattern", "f") },
        { "not a CPU mask", new RpsSetting("cni0", "rx-0", "|/tmp/evil") },
        { "not in the journal's snapshot", new MtuSetting("eth0", 68) },
        { "not a transmit queue", new XpsSetting("cni0", "../../../../../proc/sys/kernel/core_pattern", "cpus", "f") },
        { "not a transmit queue", new XpsSetting("cni0", "rx-0", "cpus", "f") },
        { "not an XPS map", new XpsSetting("cni0", "tx-0", "cpus/../../../../../../proc/sys/kernel/core_pattern", "f") },
        { "not a mask", new XpsSetting("cni0", "tx-0", "rxqs", "|/tmp/evil") },
        { "not in the journal's snapshot", new XpsSetting("eth0", "tx-0", "cpus", "f") },
        { "not an interrupt number", new IrqAffinitySetting("cni0", -1, null, "0") },
        { "not a CPU list", new IrqAffinitySetting("cni0", 24, null, "0\n/tmp/evil") },
        { "not a CPU list", new IrqAffinitySetting("cni0", 24, null, "3-1") },
        { "not in the journal's snapshot", new IrqAffinitySetting("eth0", 24, null, "0") },
        { "'../x'", new MtuSetting("../x", 68) },
        { "only advises", new RouteMtuSetting("10.0.0.0/8", null, "cni0", 68) },
    };

    [Theory]
    [MemberData(nameof(Tampered))]
    public void A_journal_asking_for_what_tune_never_changes_is_refused_whole_before_any_write(string why, TuneSetting tampered)
    {
        // Given a genuine journal with one forged change appended
        var system = JournalWith(null, tampered);
        var before = File.ReadAllText(JournalPath);

        // When it is rolled back
        var e = Assert.Throws<PerfSuiteException>(() => TuneRollback.Run(JournalPath, _ => system, DateTimeOffset.UnixEpoch));

        // Then nothing at all is written (not even the genuine change's undo) and the message names the refusal
        Assert.Equal(ErrorReason.InvalidArgument, e.Reason);
        Assert.Contains("change 2 (evil)", e.Message, StringComparison.Ordinal);
        Assert.Contains(why, e.Message, StringComparison.Ordinal);
        Assert.Empty(system.Writes);
        Assert.Equal(before, File.ReadAllText(JournalPath));
    }

    [Fact]
    public void An_undo_of_another_knob_than_the_one_changed_is_refused()
    {
        var system = JournalWith(new MtuSetting("cni0", 1450), new SysctlSetting(TunableSysctls.TcpRmem, "4096 131072 6291456"));

        var e = Assert.Throws<PerfSuiteException>(() => TuneRollback.Run(JournalPath, _ => system, DateTimeOffset.UnixEpoch));

        Assert.Contains("is not the knob it changed", e.Message, StringComparison.Ordinal);
        Assert.Empty(system.Writes);
    }

    [Fact]
    public void A_genuine_journal_with_every_kind_tune_writes_is_accepted()
    {
        // The control case: the same path with a legitimate second change rolls back both
        var system = JournalWith(null, new SysctlSetting(TunableSysctls.TcpRmem, "4096 131072 6291456"));
        system.Set(new SysctlSetting(TunableSysctls.TcpRmem, "4096 131072 16777216"));

        var report = TuneRollback.Run(JournalPath, _ => system, DateTimeOffset.UnixEpoch);

        Assert.True(report.AllRestored);
        Assert.Equal(new MtuSetting("cni0", 1500), system.Current("mtu cni0"));
    }

    [Theory]
    [InlineData(UnixFileMode.GroupWrite, "writable by its group or by everyone")]
    [InlineData(UnixFileMode.OtherWrite, "writable by its group or by everyone")]
    public void A_journal_others_can_write_is_not_read(UnixFileMode extra, string message)
    {
        var system = JournalWith(null, null);
        File.SetUnixFileMode(JournalPath, File.GetUnixFileMode(JournalPath) | extra);

        var e = Assert.Throws<PerfSuiteException>(() => TuneRollback.Run(JournalPath, _ => system, DateTimeOffset.UnixEpoch));

        Assert.Equal(ErrorReason.InvalidArgument, e.Reason);
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
        Assert.Empty(system.Writes);
    }

    [Fact]
    public void A_journal_reached_through_a_symbolic_link_is_not_read()
    {
        var system = JournalWith(null, null);
        var link = _directory.File("link.journal");
        File.CreateSymbolicLink(link, JournalPath);

        var e = Assert.Throws<PerfSuiteException>(() => TuneRollback.Run(link, _ => system, DateTimeOffset.UnixEpoch));

        Assert.Contains("symbolic link", e.Message, StringComparison.Ordinal);
        Assert.Empty(system.Writes);
    }

    [Theory]
    [InlineData(UnixFileMode.GroupWrite)]
    [InlineData(UnixFileMode.OtherWrite)]
    [InlineData(UnixFileMode.OtherWrite | UnixFileMode.StickyBit)]
    public void A_journal_in_a_directory_others_can_write_is_not_read(UnixFileMode extra)
    {
        // Given a journal that is fine itself, in a directory where others could put another file in its place
        var system = JournalWith(null, null);
        var mode = File.GetUnixFileMode(_directory.Path);
        try
        {
            File.SetUnixFileMode(_directory.Path, mode | extra);

            var e = Assert.Throws<PerfSuiteException>(() => TuneRollback.Run(JournalPath, _ => system, DateTimeOffset.UnixEpoch));

            Assert.Equal(ErrorReason.InvalidArgument, e.Reason);
            Assert.Contains($"the directory of tune journal {JournalPath}, {_directory.Path}, is writable by its group or by everyone", e.Message, StringComparison.Ordinal);
            Assert.Empty(system.Writes);
        }
        finally
        {
            File.SetUnixFileMode(_directory.Path, mode);
        }
    }

    [Fact]
    public void A_journal_whose_directory_is_a_symbolic_link_is_not_read()
    {
        // Given the journal's directory reached through a symbolic link to it
        var system = JournalWith(null, null);
        var linkedDirectory = _directory.Path + "-link";
        Directory.CreateSymbolicLink(linkedDirectory, _directory.Path);
        try
        {
            var e = Assert.Throws<PerfSuiteException>(() =>
                TuneRollback.Run(Path.Combine(linkedDirectory, Path.GetFileName(JournalPath)), _ => system, DateTimeOffset.UnixEpoch));

            Assert.Contains("is a symbolic link or not a directory", e.Message, StringComparison.Ordinal);
            Assert.Empty(system.Writes);
        }
        finally
        {
            File.Delete(linkedDirectory);
        }
    }

    [Fact]
    public void A_journal_owned_by_another_user_is_not_read()
    {
        Requires.Root("to give a file to another user");
        var system = JournalWith(null, null);
        Shell.Run("chown", "65534", JournalPath);

        var e = Assert.Throws<PerfSuiteException>(() => TuneRollback.Run(JournalPath, _ => system, DateTimeOffset.UnixEpoch));

        Assert.Contains("belongs to uid 65534", e.Message, StringComparison.Ordinal);
        Assert.Empty(system.Writes);
    }

    [Fact]
    public void A_journal_tune_creates_is_writable_by_its_owner_only()
    {
        JournalWith(null, null);

        Assert.Equal(UnixFileMode.None, File.GetUnixFileMode(JournalPath) & (UnixFileMode.GroupWrite | UnixFileMode.OtherWrite));
    }
}
