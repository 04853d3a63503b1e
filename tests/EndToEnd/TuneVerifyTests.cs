using System.Text.Json;
using PerfSuite.EndToEnd.Tests.Support;
using PerfSuite.Model.Datapaths;
using PerfSuite.Model.Json;
using PerfSuite.Probe.Snapshots;

namespace PerfSuite.EndToEnd.Tests;

/// <summary><c>tune --apply --verify</c> on a node of a lab built with GRO off: each change is measured with the
/// runner's tcp-stream cell between the path's pods, kept or undone by the numbers, and rollback still returns the
/// node to the snapshot taken before. The decision itself depends on the machine's noise and is not asserted.</summary>
[Collection(PerfSuite.EndToEnd.Tests.Lab.LabCollection.Name)]
public sealed class TuneVerifyTests : IDisposable
{
    private readonly ScratchDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private static readonly string[] Decisions = ["Kept", "RolledBack"];

    /// <summary>perfsuite agent processes still running in the lab's namespaces (the measurer must stop its own).</summary>
    private static List<int> AgentsIn(string lab) =>
        ProcessTable.Where(arguments => arguments.Contains("agent") && string.Join(' ', arguments).Contains($"--netns ps-{lab}-", StringComparison.Ordinal))
            .Select(p => p.Pid).ToList();

    /// <summary>Operational state follows "up" asynchronously (linkwatch, up to a second later): the snapshot taken
    /// before must not catch a device on its way up.</summary>
    private static void WaitUntilUp(string netns, params string[] devices)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (InterfaceProber.Probe(netns, devices).Interfaces.Any(i => i.OperState != "UP"))
        {
            if (DateTime.UtcNow > deadline)
                throw new InvalidOperationException($"{string.Join(", ", devices)} in {netns} did not come up");
            Thread.Sleep(50);
        }
    }

    private static string ProbeJson(string netns) =>
        JsonSerializer.Serialize(InterfaceProber.Probe(netns, []) with { TakenUtc = DateTimeOffset.UnixEpoch }, ModelJsonContext.Default.ProbeDocument);

    [Fact]
    public async Task Each_change_is_measured_kept_or_undone_and_rollback_restores_the_node()
    {
        Requires.Root("the lab");
        var lab = "tv" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray().AsSpan(0, 2));
        var node = LabNaming.NodeNamespace(lab, Model.Datapaths.Datapath.Vxlan, 2);
        var journal = _directory.File("verify.journal");
        try
        {
            // Given a vxlan lab with GRO off on the tunnel device of the receiving node
            var up = await CliHost.RunAsync("lab", "up", "--paths", "vxlan", "--offloads", "no-gro", "--name", lab);
            Assert.True(up.ExitCode == 0, up.Stderr + up.Stdout);
            WaitUntilUp(node, "eth0", "cni0");
            var before = ProbeJson(node);

            // When
            var result = await CliHost.RunAsync("tune", "--netns", node, "--iface", "flannel.1", "--apply", "--verify",
                "--reps", "4", "--duration", "1s", "--journal", journal, "--format", "json");

            // Then: GRO and the checksum flag were each measured 4 times a side, interleaved, on the vxlan path
            Assert.True(result.ExitCode == 0, result.Stderr + result.Stdout);
            using var report = JsonDocument.Parse(result.Stdout);
            var verified = report.RootElement.GetProperty("verified").EnumerateArray().ToList();
            Assert.Equal(["offload.gro-off@flannel.1", "offload.vxlan-tx-checksum@flannel.1"],
                verified.Select(v => v.GetProperty("findingId").GetString()));
            foreach (var v in verified)
            {
                Assert.Equal("vxlan", v.GetProperty("path").GetString());
                Assert.Equal("goodputBps", v.GetProperty("metric").GetString());
                Assert.Equal(4, v.GetProperty("before").GetArrayLength());
                Assert.Equal(4, v.GetProperty("after").GetArrayLength());
                Assert.All(v.GetProperty("before").EnumerateArray().Concat(v.GetProperty("after").EnumerateArray()),
                    s => Assert.True(s.GetDouble() > 0));
                Assert.Contains(v.GetProperty("decision").GetString(), Decisions);
                Assert.Matches(@"goodputBps after/before \d\.\d{3} \[\d\.\d{3}, \d\.\d{3}\], p = ", v.GetProperty("reason").GetString());
            }
            // The device holds what was decided
            var gro = verified[0].GetProperty("decision").GetString() == "Kept";
            var ethtool = Shell.Run("ip", "netns", "exec", node, "ethtool", "-k", "flannel.1");
            Assert.Contains($"generic-receive-offload: {(gro ? "on" : "off")}\n", ethtool, StringComparison.Ordinal);
            Assert.Empty(AgentsIn(lab));

            // And when rolled back, the node is exactly as before
            var rollback = await CliHost.RunAsync("tune", "rollback", journal);
            Assert.Equal(0, rollback.ExitCode);
            Assert.Equal(before, ProbeJson(node));
        }
        finally
        {
            await CliHost.RunAsync("lab", "down", lab);
        }
    }

    [Fact]
    public async Task Verify_outside_a_lab_node_is_refused_before_anything_changes()
    {
        using var misconfigured = new MisconfiguredNode();
        var before = misconfigured.ProbeJson();

        var result = await CliHost.RunAsync("tune", "--netns", misconfigured.Name, "--apply", "--verify");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"perfsuite: --verify measures a path of a PerfSuite lab: --netns must name a lab node namespace (ps-LAB-PATH-nN, see perfsuite lab list), not '{misconfigured.Name}'\n",
            result.Stderr.ReplaceLineEndings("\n"));
        Assert.Equal(before, misconfigured.ProbeJson());
    }

    [Theory]
    [InlineData("--duration is the measurement window of --verify; add --verify", "--duration", "1s")]
    [InlineData("--duration must be at least 1 s, not 0.5 s", "--verify", "--duration", "0.5s")]
    public async Task Bad_verify_options_exit_2_with_one_line(string message, params string[] args)
    {
        Requires.Root("--apply is refused earlier without root");

        var result = await CliHost.RunAsync(["tune", "--apply", .. args]);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"perfsuite: {message}\n", result.Stderr.ReplaceLineEndings("\n"));
    }
}
