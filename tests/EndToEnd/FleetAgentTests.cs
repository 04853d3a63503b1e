using PerfSuite.Lab.Fleet;
using PerfSuite.LoadGen.Agent;
using PerfSuite.EndToEnd.Tests.Support;
using PerfSuite.LoadGen.Traffic;
using PerfSuite.Model.Errors;

namespace PerfSuite.EndToEnd.Tests;

// Builds namespaces and compares hosts' state: runs alone, like the other lab and run tests.
[Collection(PerfSuite.EndToEnd.Tests.Lab.LabCollection.Name)]
public sealed class FleetAgentTests
{
    private const string Token = "e2e-fleet-agent-token";

    [Fact]
    public async Task An_agent_without_allow_lab_refuses_to_build()
    {
        // Given an agent started without --allow-lab
        await using var fleet = new FleetHostNamespaces(1);
        await using var agent = await RemoteAgentUnderTest.StartAsync(fleet.Hosts[0], FleetHostNamespaces.AddressOf(1), Token);
        await using var client = await ConnectAsync(fleet, agent);

        // When a runner asks it to begin a lab, Then it is refused with the option to give
        var refusal = await Assert.ThrowsAsync<PerfSuiteException>(() =>
            client.LabAsync<LabBegunReply>(new LabBeginRequest { Lab = "fzzzz1", Host = 1 }, TestContext.Current.CancellationToken));
        Assert.Equal(ErrorReason.PermissionDenied, refusal.Reason);
        Assert.Contains("--allow-lab", refusal.Message);
    }

    [Fact]
    public async Task A_second_runner_gets_busy_while_the_first_holds_the_lease_and_may_begin_once_it_has_gone()
    {
        // Given an agent whose lease one runner holds
        await using var fleet = new FleetHostNamespaces(1);
        var agent = await fleet.StartAgentAsync(1, Token);
        var first = await ConnectAsync(fleet, agent);
        await first.LabAsync<LabBegunReply>(new LabBeginRequest { Lab = "fzzzz1", Host = 1 }, TestContext.Current.CancellationToken);
        await using var second = await ConnectAsync(fleet, agent);

        // When a second runner asks, Then it gets busy
        var busy = await Assert.ThrowsAsync<PerfSuiteException>(() =>
            second.LabAsync<LabBegunReply>(new LabBeginRequest { Lab = "fyyyy1", Host = 1 }, TestContext.Current.CancellationToken));
        Assert.Equal(ErrorReason.Busy, busy.Reason);

        // And once the first runner's connection is gone, the second may begin
        await first.DisposeAsync();
        var begun = await WaitForLeaseAsync(second);
        Assert.Equal(fleet.NameOf(1), begun.Name);
        Assert.Equal("eth0", begun.Nic);
        // And it lists the host's links by name (a Kubernetes run finds a CNI's tunnel devices among them)
        Assert.Equal(["eth0", "lo"], begun.Devices!.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task An_agent_killed_mid_run_repairs_its_host_from_its_journal_on_next_start()
    {
        // Given an agent that has changed its NIC and built a path
        await using var fleet = new FleetHostNamespaces(1);
        var agent = await fleet.StartAgentAsync(1, Token);
        var before = fleet.StateOf(1);
        await using (var client = await ConnectAsync(fleet, agent))
        {
            await BuildVxlanWithoutTunnelSegmentationAsync(client, "fzzzz1");
            Assert.NotEqual(before, fleet.StateOf(1));

            // When it is killed with SIGKILL (nothing of its own teardown runs)
            agent.Kill();
        }
        Assert.NotEqual(before, fleet.StateOf(1));

        // Then its next start repairs the host before it serves, and says so
        var restarted = await fleet.StartAgentAsync(1, Token);
        Assert.Equal(before, fleet.StateOf(1));
        Assert.False(restarted.HasExited);
    }

    [Fact]
    public async Task Lab_clean_repairs_the_host_of_an_agent_killed_mid_run_that_never_restarts()
    {
        // Given an agent that has turned a feature of its NIC off and built a path, then was killed with SIGKILL
        await using var fleet = new FleetHostNamespaces(1, "ps-tfs");
        var agent = await fleet.StartAgentAsync(1, Token);
        var before = fleet.StateOf(1);
        var lab = RandomLab();
        await using (var client = await ConnectAsync(fleet, agent))
        {
            await BuildVxlanWithoutTunnelSegmentationAsync(client, lab);
            agent.Kill();
        }
        Assert.Contains("tx-udp_tnl-segmentation: off", fleet.StateOf(1));
        Assert.NotEmpty(NamespacesOf(lab));

        // When lab clean runs (in the test's own state directory, $PERFSUITE_STATE_DIR, where the agent kept its journal)
        var clean = await CliHost.RunAsync("lab", "clean");

        // Then it says what it repaired, and the NIC's feature is back, the run's namespaces and devices gone, the
        // journal too: the host is exactly as before
        Assert.True(clean.ExitCode == 0, clean.Stderr + clean.Stdout);
        Assert.Contains($"repaired fleet host '{fleet.NameOf(1)}' (its agent is gone): removed lab '{lab}'", clean.Stdout);
        Assert.Contains("tx-udp_tnl-segmentation on", clean.Stdout);
        Assert.Equal(before, fleet.StateOf(1));
        Assert.Empty(NamespacesOf(lab));
        Assert.False(File.Exists(FleetJournalStore.Default.PathOf(fleet.NameOf(1))));
    }

    [Fact]
    public async Task Lab_clean_leaves_the_journal_and_host_of_a_running_agent_alone()
    {
        // Given an agent in the middle of a run: its NIC's feature off, a path built
        await using var fleet = new FleetHostNamespaces(1, "ps-tfs");
        var agent = await fleet.StartAgentAsync(1, Token);
        var before = fleet.StateOf(1);
        var lab = RandomLab();
        await using var client = await ConnectAsync(fleet, agent);
        await BuildVxlanWithoutTunnelSegmentationAsync(client, lab);
        var during = fleet.StateOf(1);
        var journal = File.ReadAllText(FleetJournalStore.Default.PathOf(fleet.NameOf(1)));

        // When lab clean runs
        var clean = await CliHost.RunAsync("lab", "clean");

        // Then it says it left the host alone, and touched nothing of it: NIC, namespaces, journal
        Assert.True(clean.ExitCode == 0, clean.Stderr + clean.Stdout);
        Assert.Contains($"left alone: fleet host '{fleet.NameOf(1)}', lab '{lab}': its agent is running", clean.Stdout);
        Assert.DoesNotContain("repaired", clean.Stdout);
        Assert.Equal(during, fleet.StateOf(1));
        Assert.Equal(journal, File.ReadAllText(FleetJournalStore.Default.PathOf(fleet.NameOf(1))));

        // And the agent still ends its run itself, restoring the host
        await client.LabAsync<LabDoneReply>(new LabEndRequest(), TestContext.Current.CancellationToken);
        Assert.Equal(before, fleet.StateOf(1));
    }

    /// <summary>Begins lab <paramref name="lab"/> as host 1, turns UDP-tunnel segmentation off on the NIC and prepares
    /// VXLAN: the NIC changed, a namespace and a macvlan made.</summary>
    private static async Task BuildVxlanWithoutTunnelSegmentationAsync(AgentClient client, string lab)
    {
        var cancel = TestContext.Current.CancellationToken;
        await client.LabAsync<LabBegunReply>(new LabBeginRequest { Lab = lab, Host = 1 }, cancel);
        var offloads = await client.LabAsync<LabOffloadsReply>(new LabOffloadsRequest
        {
            Profile = "no-tnl-seg",
            Changes = new Dictionary<string, bool> { ["tx-udp_tnl-segmentation"] = false },
        }, cancel);
        Assert.True(offloads.Nic.AllTookEffect, offloads.Nic.ToString());
        var node = await client.LabAsync<LabNodeReply>(new LabPrepareRequest { Path = "vxlan", PeerCount = 1 }, cancel);
        Assert.True(node.Facts.IsReady, node.Facts.Reason);
    }

    /// <summary>A fleet lab name of host 1 no other test uses: 'f', four random letters, '1'.</summary>
    private static string RandomLab() => "f" + string.Concat(Enumerable.Range(0, 4).Select(_ => (char)('a' + Random.Shared.Next(26)))) + "1";

    private static List<string> NamespacesOf(string lab) =>
        [.. Kernel.Namespaces.NetworkNamespace.List().Where(n => n.StartsWith($"ps-{lab}-", StringComparison.Ordinal))];

    private static Task<AgentClient> ConnectAsync(FleetHostNamespaces fleet, RemoteAgentUnderTest agent) =>
        AgentClient.ConnectTcpAsync(agent.EndPoint, Token, TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken,
            NetworkScope.Of(fleet.Runner));

    /// <summary>The agent notices the closed connection when its session ends; until then it may still answer busy.</summary>
    private static async Task<LabBegunReply> WaitForLeaseAsync(AgentClient client)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await client.LabAsync<LabBegunReply>(new LabBeginRequest { Lab = "fyyyy1", Host = 1 }, TestContext.Current.CancellationToken);
            }
            catch (PerfSuiteException e) when (e.Reason == ErrorReason.Busy && attempt < 40)
            {
                await Task.Delay(250, TestContext.Current.CancellationToken);
            }
        }
    }
}
