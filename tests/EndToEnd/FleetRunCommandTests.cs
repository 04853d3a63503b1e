using System.Diagnostics;
using PerfSuite.Model.Datapaths;
using PerfSuite.Model.Results;
using PerfSuite.EndToEnd.Tests.Support;

namespace PerfSuite.EndToEnd.Tests;

// Builds namespaces and counts them machine-wide: runs alone, like the other lab and run tests.
[Collection(PerfSuite.EndToEnd.Tests.Lab.LabCollection.Name)]
public sealed class FleetRunCommandTests
{
    private const string Token = "e2e-fleet-run-token";
    private const string TunnelSegmentation = "tx-udp_tnl-segmentation";

    [Fact]
    public async Task Two_hosts_build_native_ipip_wireguard_and_vxlan_over_wireguard_across_the_switch_and_remove_them()
    {
        // Given two hosts with agents
        await using var fleet = new FleetHostNamespaces(2);
        await fleet.StartAgentAsync(1, Token);
        await fleet.StartAgentAsync(2, Token);
        var before = new[] { fleet.StateOf(1), fleet.StateOf(2) };
        var output = Path.Combine(Path.GetTempPath(), $"perfsuite-fleet-paths-{Guid.NewGuid():N}.json");
        var report = Path.Combine(Path.GetTempPath(), $"perfsuite-fleet-paths-report-{Guid.NewGuid():N}");
        try
        {
            // When every other path is built across them
            var result = await CliHost.RunAsync("run", "--hosts", fleet.HostsArgument, "--token", Token, "--netns", fleet.Runner,
                "--paths", "native,ipip,wireguard,vxlan+wireguard", "--tests", "tcp-stream", "--reps", "1", "--duration", "1s",
                "--warmup", "0.2s", "--out", output);

            // Then each is measured both ways at its pod MTU, or skipped with the host's reason (no wireguard-go, no TUN)
            Assert.True(result.ExitCode == 0, result.Stderr + result.Stdout);
            var document = ResultsReader.Load(output);
            Assert.Equal(8, document.Cells.Count);
            Assert.All(document.Cells.Where(c => c.Path == "native"), c => Assert.Equal(CellStatus.Ok, c.Status));
            Assert.All(document.Cells, c =>
            {
                Assert.True(c.Status == CellStatus.Ok || (c.Status == CellStatus.Skipped && !string.IsNullOrEmpty(c.Reason)), $"{c.Path}: {c.Status} {c.Reason}");
                if (c.Status == CellStatus.Ok)
                    Assert.True(c.Metrics!.GoodputBps > 0, c.Path);
            });
            Assert.Equal([1390, 1440, 1480, 1500], document.Cells.Select(c => c.PodMtu!.Value).Distinct().Order());

            // And, the NICs under test being veths, the run says it knows no line rate and records no ceiling, and the
            // report names the hosts' NICs as having no wire (not the runner's, not "a lab")
            Assert.Contains("line rate: unknown (no NIC under test is a physical NIC with a link speed)", result.Stdout);
            Assert.All(document.Cells, c => Assert.Null(c.CeilingBps));
            var reported = await CliHost.RunAsync("report", output, "--out", report);
            Assert.True(reported.ExitCode == 0, reported.Stderr);
            var markdown = File.ReadAllText(Path.Combine(report, "report.md"));
            Assert.Contains($"fleet of 2 hosts ({fleet.NameOf(1)}, {fleet.NameOf(2)})", markdown);
            Assert.Contains("NIC under test eth0 (veth, no wire) on all 2 hosts", markdown);
            Assert.DoesNotContain("lab over veth pairs", markdown);

            // And nothing of them is left
            Assert.Equal(before[0], fleet.StateOf(1));
            Assert.Equal(before[1], fleet.StateOf(2));
        }
        finally
        {
            File.Delete(output);
            if (Directory.Exists(report))
                Directory.Delete(report, recursive: true);
        }
    }

    [Fact]
    public async Task An_agent_stopped_with_SIGTERM_leaves_no_lock_of_its_name_and_the_name_is_free_again()
    {
        // Given a fleet agent, which holds the lock of its name while it runs
        await using var fleet = new FleetHostNamespaces(1, "ps-tfl");
        var agent = await fleet.StartAgentAsync(1, Token);
        var lockFile = Path.Combine(PerfSuite.Tests.TestStateDirectory.Path, "fleet", fleet.NameOf(1) + ".lock");
        Assert.True(File.Exists(lockFile), lockFile);

        // When a service manager stops it
        var exitCode = await agent.StopAsync(TimeSpan.FromSeconds(30));

        // Then it exits cleanly, its lock file is gone, and another agent of that name starts
        Assert.Equal(0, exitCode);
        Assert.False(File.Exists(lockFile), $"{lockFile} outlived its agent");
        var next = await fleet.StartAgentAsync(1, Token);
        Assert.False(next.HasExited);
    }

    [Fact]
    public async Task Three_hosts_measure_all_six_pairs_over_userspace_ipip_and_wireguard_go_each_carrying_two_peers()
    {
        // Given three hosts on one switch (this kernel has neither ipip nor wireguard: each host's tunl0 is PerfSuite's
        // encapsulator and its WireGuard device wireguard-go, and each must carry traffic to two peers)
        await using var fleet = new FleetHostNamespaces(3, "ps-tfs");
        for (var k = 1; k <= 3; k++)
            await fleet.StartAgentAsync(k, Token);
        var before = Enumerable.Range(1, 3).Select(fleet.StateOf).ToList();
        var output = Path.Combine(Path.GetTempPath(), $"perfsuite-fleet3-{Guid.NewGuid():N}.json");
        try
        {
            // When
            var result = await CliHost.RunAsync("run", "--hosts", fleet.HostsArgument, "--token", Token, "--netns", fleet.Runner,
                "--paths", "ipip,wireguard", "--tests", "tcp-stream", "--reps", "1", "--duration", "1s", "--warmup", "0.2s", "--out", output);

            // Then every ordered pair of the three was measured on both paths, through the userspace implementations
            Assert.True(result.ExitCode == 0, result.Stderr + result.Stdout);
            var document = ResultsReader.Load(output);
            Assert.All(document.Cells, c =>
            {
                Assert.True(c.Status == CellStatus.Ok, $"{c.Path} {c.Sender} -> {c.Receiver}: {c.Status} {c.Reason}");
                Assert.Equal(DatapathImplementation.Userspace, c.Impl);
                Assert.True(c.Metrics!.GoodputBps > 0, $"{c.Path} {c.Sender} -> {c.Receiver}");
            });
            foreach (var path in new[] { "ipip", "wireguard" })
            {
                var pairs = document.Cells.Where(c => c.Path == path).Select(c => (c.Sender!, c.Receiver!)).Order().ToList();
                Assert.Equal(
                    [.. from s in Enumerable.Range(1, 3) from r in Enumerable.Range(1, 3) where s != r select (fleet.NameOf(s), fleet.NameOf(r))],
                    pairs);
            }

            // And the hosts are exactly as before
            for (var k = 1; k <= 3; k++)
                Assert.Equal(before[k - 1], fleet.StateOf(k));
        }
        finally
        {
            File.Delete(output);
        }
    }

    /// <summary>How a runner disappears mid-run: killed (the kernel closes its socket), frozen (SIGSTOP: the connection
    /// stays open and says nothing, as when the runner's machine hangs), or cut off (its switch port down: the connection
    /// stays open on both ends and nothing arrives, as when the network between them is lost).</summary>
    public enum Disappearance
    {
        Killed,
        Frozen,
        CutOff,
    }

    [Theory]
    [InlineData(Disappearance.Killed)]
    [InlineData(Disappearance.Frozen)]
    [InlineData(Disappearance.CutOff)]
    public async Task A_runner_that_disappears_mid_run_leaves_both_hosts_restored_by_their_agents_within_20_s(Disappearance how)
    {
        // Given two hosts with agents, and a run in its own process that changes their NICs
        await using var fleet = new FleetHostNamespaces(2, "ps-tfs");
        await fleet.StartAgentAsync(1, Token);
        await fleet.StartAgentAsync(2, Token);
        var before = new[] { fleet.StateOf(1), fleet.StateOf(2) };
        var output = Path.Combine(Path.GetTempPath(), $"perfsuite-fleet-gone-{Guid.NewGuid():N}.json");
        var psi = BuiltCli.StartInfo("run", "--hosts", fleet.HostsArgument, "--paths", "vxlan", "--offloads", "no-tnl-seg",
            "--tests", "tcp-stream", "--reps", "1", "--duration", "60s", "--out", output);
        psi.Environment["PERFSUITE_TOKEN"] = Token;
        using var runner = Kernel.Namespaces.NetworkNamespace.StartProcess(fleet.Runner, psi);
        _ = runner.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        _ = runner.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        try
        {
            // When the runner disappears once the paths are built and the NICs changed
            var changed = await WaitUntilAsync(() => fleet.StateOf(1) != before[0] && fleet.StateOf(2) != before[1]
                && !fleet.StateOf(1).Contains($"{TunnelSegmentation}: on", StringComparison.Ordinal), TimeSpan.FromSeconds(120));
            Assert.True(changed, "the run never changed the hosts");
            var clock = Stopwatch.StartNew();
            switch (how)
            {
                case Disappearance.Killed:
                    runner.Kill();
                    await runner.WaitForExitAsync(TestContext.Current.CancellationToken);
                    break;
                case Disappearance.Frozen:
                    Shell.Run("kill", "-STOP", runner.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    break;
                case Disappearance.CutOff:
                    FleetHostNamespaces.Ip("-n", fleet.Switch, "link", "set", "prn", "down");
                    break;
            }

            // Then within 20 s both hosts are back to exactly what they were, while a frozen or cut-off runner still
            // holds its connection open
            var restored = await WaitUntilAsync(() => fleet.StateOf(1) == before[0] && fleet.StateOf(2) == before[1], TimeSpan.FromSeconds(20));
            TestContext.Current.TestOutputHelper?.WriteLine($"{how}: hosts restored after {clock.Elapsed.TotalSeconds:0.0} s");
            Assert.True(restored, $"host 1 now:\n{fleet.StateOf(1)}\nbefore:\n{before[0]}");
            if (how != Disappearance.Killed)
            {
                Assert.False(runner.HasExited, "the runner ended by itself: its closed connection, not the lease, ended the run");
                if (how == Disappearance.Frozen)
                    Assert.Equal('T', Kernel.Proc.ProcPidStatParser.Read(runner.Id)!.State);
            }
            Assert.All(fleet.Agents, a => Assert.False(a.HasExited));

            // And the run's traffic ended with it: each agent is free for the next runner's test (a side of the 60 s
            // test still running in a removed pod would keep it busy)
            foreach (var agent in fleet.Agents)
            {
                await using var next = await LoadGen.Agent.AgentClient.ConnectTcpAsync(agent.EndPoint, Token, TimeSpan.FromSeconds(10),
                    TestContext.Current.CancellationToken, LoadGen.Traffic.NetworkScope.Of(how == Disappearance.CutOff ? fleet.Hosts[0] : fleet.Runner));
                await next.PrepareReceiveAsync(new LoadGen.Traffic.TestSpec(DurationSeconds: 1, WarmupSeconds: 0), null, TestContext.Current.CancellationToken);
                await next.StopAsync(TestContext.Current.CancellationToken);
            }
        }
        finally
        {
            if (!runner.HasExited)
                runner.Kill(entireProcessTree: true);
            File.Delete(output);
            File.Delete(output + ".journal");
        }
    }

    [Fact]
    public async Task Four_hosts_two_pairs_at_a_time_measure_all_twelve_pairs_over_vxlan_on_the_wire()
    {
        // Given four hosts and a capture on the switch (FleetEffectTests judges an outlier, alone on the machine)
        await using var fleet = new FleetHostNamespaces(4);
        for (var k = 1; k <= 4; k++)
            await fleet.StartAgentAsync(k, Token);
        var output = Path.Combine(Path.GetTempPath(), $"perfsuite-fleet4-{Guid.NewGuid():N}.json");
        var capture = new ProcessStartInfo("tcpdump", ["-i", "br0", "-nn", "-l", "-c", "5", "udp", "port", "8472"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var tcpdump = Kernel.Namespaces.NetworkNamespace.StartProcess(fleet.Switch, capture);
        var frames = tcpdump.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        _ = tcpdump.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        try
        {
            // When
            var result = await CliHost.RunAsync("run", "--hosts", fleet.HostsArgument, "--token", Token, "--netns", fleet.Runner,
                "--paths", "vxlan", "--tests", "tcp-stream", "--reps", "1", "--duration", "1s", "--warmup", "0.2s", "--concurrency", "2", "--out", output);

            // Then every ordered pair of the four was measured
            Assert.True(result.ExitCode == 0, result.Stderr + result.Stdout);
            var document = ResultsReader.Load(output);
            Assert.All(document.Cells, c => Assert.Equal(CellStatus.Ok, c.Status));
            var pairs = document.Cells.Select(c => (c.Sender!, c.Receiver!)).Distinct().ToList();
            Assert.Equal(12, pairs.Count);
            Assert.All(pairs, p => Assert.NotEqual(p.Item1, p.Item2));

            // And VXLAN frames crossed the switch
            await tcpdump.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
            Assert.Contains(".8472:", await frames);

            // And with one repetition per pair the outlier rule says it cannot judge rather than naming anyone
            Assert.Empty(document.Fleet!.Outliers);
            Assert.Contains(document.Fleet.Notes, n => n.Contains("--reps 2", StringComparison.Ordinal));
        }
        finally
        {
            if (!tcpdump.HasExited)
                tcpdump.Kill();
            File.Delete(output);
        }
    }

    [Fact]
    public async Task An_mtu_other_than_the_NICs_is_refused_with_the_reason_and_the_hosts_are_left_as_they_were()
    {
        // Given two hosts whose NICs have MTU 1500
        await using var fleet = new FleetHostNamespaces(2);
        await fleet.StartAgentAsync(1, Token);
        await fleet.StartAgentAsync(2, Token);
        var before = new[] { fleet.StateOf(1), fleet.StateOf(2) };
        var output = Path.Combine(Path.GetTempPath(), $"perfsuite-fleet-mtu-{Guid.NewGuid():N}.json");

        // When a run asks for 9000
        var result = await CliHost.RunAsync("run", "--hosts", fleet.HostsArgument, "--token", Token, "--netns", fleet.Runner,
            "--paths", "vxlan", "--mtu", "9000", "--tests", "tcp-stream", "--reps", "1", "--duration", "1s", "--out", output);

        // Then it is refused, saying what the NICs have, nothing is measured and nothing is left on the hosts
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("MTU 1500", result.Stderr);
        Assert.False(File.Exists(output));
        Assert.Equal(before[0], fleet.StateOf(1));
        Assert.Equal(before[1], fleet.StateOf(2));
    }

    private static async Task<bool> WaitUntilAsync(Func<bool> condition, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < limit)
        {
            if (condition())
                return true;
            await Task.Delay(250, TestContext.Current.CancellationToken);
        }
        return condition();
    }
}
