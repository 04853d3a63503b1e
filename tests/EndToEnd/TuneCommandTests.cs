using System.Text.Json;
using PerfSuite.EndToEnd.Tests.Support;

namespace PerfSuite.EndToEnd.Tests;

/// <summary><c>perfsuite tune</c> and <c>tune rollback</c> through <see cref="Cli.PerfSuiteApp.RunAsync"/>: bad
/// input, privilege, and the whole find / apply / roll back cycle on a node built wrong on purpose.</summary>
public sealed class TuneCommandTests : IDisposable
{
    private readonly ScratchDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Theory]
    [InlineData("--path: unknown datapath 'gre' (known: same-node, host, native, ipip, vxlan, wireguard, vxlan+wireguard, geneve)", "--path", "gre")]
    [InlineData("--iface 'sixteen-bytes-ab': an interface name has 1 to 15 bytes, not 16", "--iface", "sixteen-bytes-ab")]
    [InlineData("no interface 'ps-nosuch0' in network namespace 'host'", "--iface", "ps-nosuch0")]
    [InlineData("--netns: no network namespace 'ps-nosuchns' (see `ip netns list`)", "--netns", "ps-nosuchns")]
    [InlineData("'../etc' is not a valid network namespace name (letters, digits, '-', '_', '.'; at most 64)", "--netns", "../etc")]
    [InlineData("--journal is only used with --apply; without --apply nothing is changed", "--journal", "x.journal")]
    [InlineData("--verify changes the system to measure it; add --apply", "--verify")]
    [InlineData("--check only reports, --apply changes: use one of them", "--check", "--apply")]
    [InlineData("'fast' is not a bit rate (examples: 10g, 25g, 100m, 1e9)", "--link-speed", "fast")]
    [InlineData("'soon' is not a duration (examples: 5s, 500ms, 2m)", "--rtt", "soon")]
    [InlineData("unknown format 'xml' (use table, json)", "--format", "xml")]
    public async Task Bad_input_exits_2_with_one_line(string message, params string[] args)
    {
        var result = await CliHost.RunAsync(["tune", .. args]);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"perfsuite: {message}\n", result.Stderr.ReplaceLineEndings("\n"));
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public async Task Too_few_repetitions_to_decide_are_refused_before_anything_changes()
    {
        Requires.Root("--apply is refused earlier without root");

        var result = await CliHost.RunAsync("tune", "--apply", "--verify", "--reps", "3");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("perfsuite: 3 repetitions per side can never give p < 0.05 (the smallest Mann-Whitney p with 3 is 0.1); use at least 4\n",
            result.Stderr.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task A_missing_journal_exits_2_with_one_line()
    {
        var path = _directory.File("missing.journal");

        var result = await CliHost.RunAsync("tune", "rollback", path);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"perfsuite: no tune journal {path}\n", result.Stderr.ReplaceLineEndings("\n"));
    }

    [Theory]
    [InlineData("rm -rf /\n", "is not a tune journal: line 1 is not a perfsuite/tune-journal@1 header")]
    [InlineData("", "is empty")]
    public async Task A_corrupt_journal_exits_2_with_one_line_and_changes_nothing(string content, string message)
    {
        Requires.Root("rollback refuses to start without root");
        var path = _directory.File("corrupt.journal");
        File.WriteAllText(path, content);

        var result = await CliHost.RunAsync("tune", "rollback", path);

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.Stderr.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(message, line, StringComparison.Ordinal);
        Assert.Equal(content, File.ReadAllText(path));
    }

    [Fact]
    public void Without_root_apply_and_rollback_are_refused_and_reporting_works()
    {
        // Given the built CLI run as nobody (setpriv drops root's uid, gid and capabilities)
        Requires.Root("to switch to an unprivileged user");

        // When
        var (applyCode, _, applyError) = BuiltCli.RunAsNobody("tune", "--apply");
        var (rollbackCode, _, rollbackError) = BuiltCli.RunAsNobody("tune", "rollback", "/tmp/any.journal");
        var (reportCode, report, reportError) = BuiltCli.RunAsNobody("tune", "--format", "json");

        // Then
        Assert.Equal(2, applyCode);
        Assert.Equal("perfsuite: tune --apply changes network settings and needs root (CAP_NET_ADMIN, CAP_SYS_ADMIN)\n", applyError);
        Assert.Equal(2, rollbackCode);
        Assert.Equal("perfsuite: tune rollback changes network settings and needs root (CAP_NET_ADMIN, CAP_SYS_ADMIN)\n", rollbackError);
        Assert.True(reportCode == 0, reportError);
        using var json = JsonDocument.Parse(report);
        Assert.Equal("perfsuite/tune@1", json.RootElement.GetProperty("schema").GetString());
    }

    [Fact]
    public async Task Find_apply_and_roll_back_a_misconfigured_node_end_to_end()
    {
        // Given
        using var node = new MisconfiguredNode();
        var before = node.ProbeJson();
        var journal = _directory.File("node.journal");

        // When: report only, as text and as JSON
        var table = await CliHost.RunAsync("tune", "--netns", node.Name);
        var json = await CliHost.RunAsync("tune", "--netns", node.Name, "--format", "json");

        // Then: each problem is listed and nothing changed
        Assert.Equal(0, table.ExitCode);
        foreach (var line in new[] { "mtu.pod-too-large", "offload.gro-off", "sysctl.tcp-rmem", "sysctl.tcp-wmem" })
            Assert.Contains(line, table.Stdout, StringComparison.Ordinal);
        Assert.Contains("change: ip link set dev cni0 mtu 1450", table.Stdout, StringComparison.Ordinal);
        Assert.Contains("Nothing was changed.", table.Stdout, StringComparison.Ordinal);
        using (var document = JsonDocument.Parse(json.Stdout))
        {
            Assert.Equal("perfsuite/tune@1", document.RootElement.GetProperty("schema").GetString());
            Assert.Contains(document.RootElement.GetProperty("findings").EnumerateArray(),
                f => f.GetProperty("id").GetString() == "mtu.pod-too-large@pod0"
                    && f.GetProperty("changes")[0].GetProperty("type").GetString() == "mtu");
        }
        Assert.Equal(before, node.ProbeJson());
        Assert.Equal(MisconfiguredNode.SmallRmem, node.Sysctl("net.ipv4.tcp_rmem"));

        // When: the same as a CI check
        var check = await CliHost.RunAsync("tune", "--netns", node.Name, "--check");

        // Then: it fails, prints what it found, and changes nothing
        Assert.Equal(1, check.ExitCode);
        Assert.Contains("mtu.pod-too-large", check.Stdout, StringComparison.Ordinal);
        Assert.Equal(before, node.ProbeJson());

        // When: apply
        var applied = await CliHost.RunAsync("tune", "--netns", node.Name, "--apply", "--journal", journal);

        // Then
        Assert.True(applied.ExitCode == 0, applied.Stdout + applied.Stderr);
        Assert.Contains($"Undo: perfsuite tune rollback {journal}", applied.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("NOT TAKEN", applied.Stdout, StringComparison.Ordinal);
        Assert.Equal(1450, node.Mtu("pod0"));
        Assert.Contains("generic-receive-offload: on\n", node.EthtoolK("flannel.1"), StringComparison.Ordinal);

        // When: roll back, twice
        var rolledBack = await CliHost.RunAsync("tune", "rollback", journal);
        var again = await CliHost.RunAsync("tune", "rollback", journal, "--format", "json");

        // Then
        Assert.Equal(0, rolledBack.ExitCode);
        Assert.Matches(@"\n\d+ restored, 0 already rolled back, 0 failed\n", rolledBack.Stdout.ReplaceLineEndings("\n"));
        Assert.Equal(before, node.ProbeJson());
        Assert.Equal(MisconfiguredNode.SmallRmem, node.Sysctl("net.ipv4.tcp_rmem"));
        Assert.Equal(0, again.ExitCode);
        using var second = JsonDocument.Parse(again.Stdout);
        Assert.Equal("perfsuite/tune-rollback@1", second.RootElement.GetProperty("schema").GetString());
        Assert.All(second.RootElement.GetProperty("items").EnumerateArray(),
            i => Assert.Equal("AlreadyRolledBack", i.GetProperty("status").GetString()));
        Assert.Equal(before, node.ProbeJson());
    }

    [Fact]
    public async Task Check_passes_when_only_measure_findings_are_left_and_fails_on_one_to_apply()
    {
        // Given a bare namespace whose one 'apply' sysctl is already as tune proposes (tcp_notsent_lowat, a 'measure'
        // finding, is left at the kernel's default)
        using var ns = new ScratchNamespace();
        Shell.Run("ip", "netns", "exec", ns.Name, "sysctl", "-qw", "net.ipv4.tcp_slow_start_after_idle=0");

        // When
        var clean = await CliHost.RunAsync("tune", "--netns", ns.Name, "--check", "--format", "json");

        // Then
        Assert.True(clean.ExitCode == 0, clean.Stdout + clean.Stderr);
        using (var document = JsonDocument.Parse(clean.Stdout))
        {
            var findings = document.RootElement.GetProperty("findings").EnumerateArray().ToList();
            Assert.Contains(findings, f => f.GetProperty("rule").GetString() == "sysctl.tcp-notsent-lowat");
            Assert.All(findings, f => Assert.Equal("Measure", f.GetProperty("action").GetString()));
        }

        // When the setting goes back to the kernel's default
        Shell.Run("ip", "netns", "exec", ns.Name, "sysctl", "-qw", "net.ipv4.tcp_slow_start_after_idle=1");
        var dirty = await CliHost.RunAsync("tune", "--netns", ns.Name, "--check");

        // Then
        Assert.Equal(1, dirty.ExitCode);
        Assert.Contains("sysctl.tcp-slow-start-after-idle", dirty.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_path_whose_device_is_missing_exits_2()
    {
        using var node = new MisconfiguredNode();

        var result = await CliHost.RunAsync("tune", "--netns", node.Name, "--path", "ipip");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"perfsuite: no ipip device in network namespace '{node.Name}' (tunnel devices here: flannel.1 (vxlan))\n",
            result.Stderr.ReplaceLineEndings("\n"));
    }
}
