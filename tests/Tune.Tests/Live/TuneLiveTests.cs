using PerfSuite.Tune.Apply;
using PerfSuite.Tune.Changes;
using PerfSuite.Probe.Facts;
using PerfSuite.Tune.Findings;
using PerfSuite.Tune.Journal;
using PerfSuite.Tune.Rules;

namespace PerfSuite.Tune.Tests.Live;

/// <summary>Tune against a node built wrong on purpose in a namespace of the test's own; ip, ethtool and sysctl
/// are the oracles. Needs root; CI runs as root.</summary>
public sealed class TuneLiveTests : IDisposable
{
    private readonly ScratchDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private string JournalPath => _directory.File("tune.journal");

    private static readonly string[] Problems =
    [
        "mtu.pod-too-large@cni0", "mtu.pod-too-large@veth0", "mtu.pod-too-large@pod0",
        "offload.gro-off@ul0", "offload.gro-off@flannel.1",
        "sysctl.tcp-rmem@net.ipv4.tcp_rmem", "sysctl.tcp-wmem@net.ipv4.tcp_wmem",
    ];

    private Task<TuneReport> Apply(MisconfiguredNode node, TuneOptions? options = null) =>
        TuneSession.RunAsync(new TuneRequest(node.Name, options ?? new TuneOptions(), Apply: true, JournalPath: JournalPath,
            CommandLine: ["perfsuite", "tune", "--apply"]), NamespaceTunableSystem.Open, measurer: null, TestContext.Current.CancellationToken);

    [Fact]
    public void Each_deliberate_problem_is_found()
    {
        // Given
        using var node = new MisconfiguredNode();

        // When
        var facts = NetworkFactsCollector.Collect(node.Name);
        var report = TuneSession.Evaluate(facts, new TuneOptions());

        // Then
        Assert.Equal("ul0", report.Topology.Underlay);
        Assert.Equal(1450, report.Topology.ExpectedPodMtu);
        Assert.Equal("flannel", report.Topology.Cni);
        var ids = report.Findings.Select(f => f.Id).ToHashSet();
        Assert.Empty(Problems.Except(ids));
        Assert.All(report.Findings.Where(f => Problems.Contains(f.Id)), f => Assert.Equal(FindingAction.Apply, f.Action));
        // The underlay's own peer ul1 is not mistaken for a pod
        Assert.DoesNotContain(report.Findings, f => f.Subject.Name == "ul1" && f.Rule.StartsWith("mtu.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Apply_fixes_each_problem_and_rollback_returns_the_exact_probe_snapshot_twice_over()
    {
        // Given
        using var node = new MisconfiguredNode();
        var before = node.ProbeJson();

        // When
        var report = await Apply(node);

        // Then: every change read back, and the oracles agree
        Assert.NotNull(report.Applied);
        Assert.All(report.Applied, a => Assert.Equal(AppliedStatus.Applied, a.Status));
        Assert.Empty(Problems.Except(report.Applied.Select(a => a.FindingId)));
        Assert.DoesNotContain(report.Applied, a => a.FindingId.StartsWith(VxlanTxChecksumRule.Id, StringComparison.Ordinal));
        Assert.Equal(1450, node.Mtu("cni0"));
        Assert.Equal(1450, node.Mtu("veth0"));
        Assert.Equal(1450, node.Mtu("pod0"));
        Assert.Contains("generic-receive-offload: on\n", node.EthtoolK("flannel.1"), StringComparison.Ordinal);
        Assert.Contains("generic-receive-offload: on\n", node.EthtoolK("ul0"), StringComparison.Ordinal);
        Assert.Equal("4096\t131072\t16777216", node.Sysctl("net.ipv4.tcp_rmem"));
        Assert.Equal("4096\t16384\t16777216", node.Sysctl("net.ipv4.tcp_wmem"));
        var again = TuneSession.Evaluate(NetworkFactsCollector.Collect(node.Name), new TuneOptions());
        Assert.DoesNotContain(again.Findings, f => f.Action == FindingAction.Apply);

        // And when rolled back
        var rollback = TuneRollback.Run(JournalPath, NamespaceTunableSystem.Open);

        // Then: the probe snapshot is the one taken before, and the sysctls too
        Assert.True(rollback.AllRestored, string.Join("; ", rollback.Items.Select(i => $"{i.Undo}: {i.Detail}")));
        Assert.Equal(before, node.ProbeJson());
        Assert.Equal(MisconfiguredNode.SmallRmem, node.Sysctl("net.ipv4.tcp_rmem"));
        Assert.Equal(MisconfiguredNode.SmallWmem, node.Sysctl("net.ipv4.tcp_wmem"));
        Assert.Equal("1", node.Sysctl("net.ipv4.tcp_slow_start_after_idle"));

        // And a second rollback changes nothing
        var second = TuneRollback.Run(JournalPath, NamespaceTunableSystem.Open);
        Assert.All(second.Items, i => Assert.Equal(RollbackItemStatus.AlreadyRolledBack, i.Status));
        Assert.Equal(before, node.ProbeJson());
    }

    [Fact]
    public void A_change_made_just_before_the_process_died_is_undone_from_its_intent()
    {
        // Given an intent journaled, the change made, and no outcome: the process died in between
        using var node = new MisconfiguredNode();
        var before = node.ProbeJson();
        var facts = NetworkFactsCollector.Collect(node.Name);
        using (var system = NamespaceTunableSystem.Open(node.Name))
        using (var journal = TuneJournal.Create(JournalPath, node.Name, "h", "k", [], facts.Probe, DateTimeOffset.UtcNow))
        {
            journal.Intend("mtu.pod-too-large@cni0", new MtuSetting("cni0", 1450), system.Read(new MtuSetting("cni0", 0)));
            journal.Intend("offload.gro-off@flannel.1", new FeatureSetting("flannel.1", new Dictionary<string, bool> { ["rx-gro"] = true }),
                system.Read(new FeatureSetting("flannel.1", new Dictionary<string, bool> { ["rx-gro"] = true })));
        }
        node.Ip("link", "set", "cni0", "mtu", "1450");

        // When
        var report = TuneRollback.Run(JournalPath, NamespaceTunableSystem.Open);

        // Then: the change that was made is undone, the one never made is harmlessly written back
        Assert.All(report.Items, i => Assert.Equal(RollbackItemStatus.Restored, i.Status));
        Assert.Equal(1500, node.Mtu("cni0"));
        Assert.Equal(before, node.ProbeJson());
    }

    [Fact]
    public async Task Tuning_a_namespace_leaves_host_wide_sysctls_as_advice_and_the_host_untouched()
    {
        // Given a link fast enough that even the host's socket buffer limits are too small (100 Gbit/s × 10 ms)
        using var node = new MisconfiguredNode();
        var hostBefore = NetworkFactsCollector.SysctlKeys.Select(k => Shell.TryRun("sysctl", "-n", k).Stdout).ToList();
        var options = new TuneOptions(LinkSpeedBps: 100e9, RoundTripTime: TimeSpan.FromMilliseconds(10));

        // When
        var report = await Apply(node, options);

        // Then: net.core.rmem_max is the host's (global, read-only in the namespace) and only advised
        var rmemMax = Assert.Single(report.Findings, f => f.Rule == SocketBufferRule.CoreRmemMax);
        Assert.Equal(FindingAction.Advise, rmemMax.Action);
        Assert.DoesNotContain(report.Applied!, a => a.FindingId == rmemMax.Id);
        Assert.Equal(hostBefore, NetworkFactsCollector.SysctlKeys.Select(k => Shell.TryRun("sysctl", "-n", k).Stdout).ToList());
        TuneRollback.Run(JournalPath, NamespaceTunableSystem.Open);
    }

    [Fact]
    public void Host_wide_sysctls_are_recognised_by_what_the_namespace_shows()
    {
        // Given
        using var node = new MisconfiguredNode();

        // When
        var facts = NetworkFactsCollector.Collect(node.Name);

        // Then: the oracle is the namespace's own /proc/sys: a missing or read-only file is the host's value
        foreach (var key in NetworkFactsCollector.SysctlKeys)
        {
            var file = "/proc/sys/" + key.Replace('.', '/');
            var (code, mode, _) = Shell.TryRun("ip", "netns", "exec", node.Name, "stat", "-c", "%a", file);
            var hostWide = code != 0 || (Convert.ToInt32(mode.Trim(), 8) & 0b010_010_010) == 0;
            var fact = facts.Sysctl(key)!;
            Assert.True(hostWide == (fact.Scope == SysctlScope.Host), $"{key}: mode {mode.Trim()}, scope {fact.Scope}");
            if (hostWide)
                Assert.Equal(Shell.TryRun("sysctl", "-n", key).Stdout.Trim(), fact.Value);
        }
        Assert.Equal(SysctlScope.Namespace, facts.Sysctl("net.ipv4.tcp_rmem")!.Scope);
        Assert.Equal(MisconfiguredNode.SmallRmem, facts.Sysctl("net.ipv4.tcp_rmem")!.Value);
        Assert.Equal(SysctlScope.Host, facts.Sysctl("net.core.netdev_max_backlog")!.Scope);
    }
}
