using System.Text.Json;
using PerfSuite.EndToEnd.Tests.Support;

namespace PerfSuite.EndToEnd.Tests;

/// <summary>Issue 20, through <c>perfsuite tune</c>: an interface named with --iface is judged by the interface-level
/// rules whatever its role, the output names the topology-level rules it could not judge, and --apply with nothing
/// to apply still writes a journal that rolls back as a successful no-op.</summary>
// Counts processes and namespaces machine-wide: runs alone, like the other lab and run tests.
[Collection(PerfSuite.EndToEnd.Tests.Lab.LabCollection.Name)]
public sealed class TuneNamedInterfaceTests : IDisposable
{
    private readonly ScratchDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task A_plain_veth_with_tso_and_gro_off_gets_its_offload_findings_and_the_rules_not_judged()
    {
        // Given a namespace holding only a veth pair, TSO and GRO off on va (and TX checksumming off on vb)
        using var ns = new ScratchNamespace();
        ns.Ip("link", "add", "va", "type", "veth", "peer", "name", "vb");
        ns.Ip("link", "set", "va", "up");
        ns.Ip("link", "set", "vb", "up");
        Shell.Run("ip", "netns", "exec", ns.Name, "ethtool", "-K", "va", "tso", "off", "gro", "off");
        Shell.Run("ip", "netns", "exec", ns.Name, "ethtool", "-K", "vb", "tx", "off");

        // When
        var table = await CliHost.RunAsync("tune", "--netns", ns.Name, "--iface", "va", "--iface", "vb");
        var json = await CliHost.RunAsync("tune", "--netns", ns.Name, "--iface", "va", "--iface", "vb", "--format", "json");

        // Then the interface-level rules found each problem
        Assert.True(table.ExitCode == 0, table.Stderr + table.Stdout);
        Assert.DoesNotContain("No findings", table.Stdout, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(json.Stdout);
        var ids = document.RootElement.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("id").GetString()).ToList();
        Assert.Contains("offload.segmentation-off@va", ids);
        Assert.Contains("offload.gro-off@va", ids);
        Assert.Contains("offload.checksum-off@vb", ids);
        Assert.Contains("tx-tcp-segmentation off", table.Stdout, StringComparison.Ordinal);
        Assert.Contains("(named with --iface)", table.Stdout, StringComparison.Ordinal);

        // And it says which topology-level rules it could not judge, and why
        Assert.Contains("Not judged here:", table.Stdout, StringComparison.Ordinal);
        Assert.Contains("mtu.tunnel-too-large, mtu.tunnel-too-small, offload.udp-tunnel-segmentation-off, offload.vxlan-tx-checksum, offload.udp-gro-forwarding-off: no tunnel device", table.Stdout, StringComparison.Ordinal);
        Assert.Contains("mtu.pod-too-large, mtu.pod-too-small: no pod device", table.Stdout, StringComparison.Ordinal);
        Assert.Contains("sysctl.tcp-rmem", table.Stdout.Split("Not judged here:")[1], StringComparison.Ordinal);
        var notJudged = document.RootElement.GetProperty("notJudged").EnumerateArray().ToList();
        Assert.Contains(notJudged, n => n.GetProperty("reason").GetString()!.StartsWith("no tunnel device", StringComparison.Ordinal));

        // When applied, the offloads go on
        var journal = _directory.File("veth.journal");
        var applied = await CliHost.RunAsync("tune", "--netns", ns.Name, "--iface", "va", "--iface", "vb", "--apply", "--journal", journal);
        Assert.True(applied.ExitCode == 0, applied.Stdout + applied.Stderr);
        var features = Shell.Run("ip", "netns", "exec", ns.Name, "ethtool", "-k", "va");
        Assert.Contains("tcp-segmentation-offload: on", features, StringComparison.Ordinal);
        Assert.Contains("generic-receive-offload: on", features, StringComparison.Ordinal);
        Assert.Contains("tx-checksumming: on", Shell.Run("ip", "netns", "exec", ns.Name, "ethtool", "-k", "vb"), StringComparison.Ordinal);

        // And roll back to where they were
        var rolledBack = await CliHost.RunAsync("tune", "rollback", journal);
        Assert.Equal(0, rolledBack.ExitCode);
        features = Shell.Run("ip", "netns", "exec", ns.Name, "ethtool", "-k", "va");
        Assert.Contains("tcp-segmentation-offload: off", features, StringComparison.Ordinal);
        Assert.Contains("generic-receive-offload: off", features, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apply_with_nothing_to_apply_writes_a_journal_that_rolls_back_as_a_successful_no_op()
    {
        // Given a namespace whose loopback has nothing to tune
        using var ns = new ScratchNamespace();
        ns.Ip("link", "set", "lo", "up");
        var journal = _directory.File("empty.journal");

        // When
        var applied = await CliHost.RunAsync("tune", "--netns", ns.Name, "--iface", "lo", "--apply", "--journal", journal);

        // Then the journal holds its header and snapshot and no change
        Assert.True(applied.ExitCode == 0, applied.Stdout + applied.Stderr);
        Assert.Contains($"Journal {journal} records no change", applied.Stdout, StringComparison.Ordinal);
        var lines = File.ReadAllLines(journal);
        var header = Assert.Single(lines);
        using (var document = JsonDocument.Parse(header))
        {
            Assert.Equal("perfsuite/tune-journal@1", document.RootElement.GetProperty("schema").GetString());
            Assert.Equal(ns.Name, document.RootElement.GetProperty("netns").GetString());
        }

        // When an automation's next step rolls it back
        var rolledBack = await CliHost.RunAsync("tune", "rollback", journal);
        var json = await CliHost.RunAsync("tune", "rollback", journal, "--format", "json");

        // Then it succeeds and restores nothing
        Assert.True(rolledBack.ExitCode == 0, rolledBack.Stdout + rolledBack.Stderr);
        Assert.Contains("the journal records no change: nothing to restore", rolledBack.Stdout, StringComparison.Ordinal);
        Assert.Contains("0 restored, 0 already rolled back, 0 failed", rolledBack.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, json.ExitCode);
        using var report = JsonDocument.Parse(json.Stdout);
        Assert.Equal(0, report.RootElement.GetProperty("items").GetArrayLength());
    }
}
