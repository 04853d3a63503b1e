using PerfSuite.LoadGen.Agent;
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
            var cancel = TestContext.Current.CancellationToken;
            await client.LabAsync<LabBegunReply>(new LabBeginRequest { Lab = "fzzzz1", Host = 1 }, cancel);
            var offloads = await client.LabAsync<LabOffloadsReply>(new LabOffloadsRequest
            {
                Profile = "no-tnl-seg",
                Changes = new Dictionary<string, bool> { ["tx-udp_tnl-segmentation"] = false },
            }, cancel);
            Assert.True(offloads.Nic.AllTookEffect, offloads.Nic.ToString());
            var node = await client.LabAsync<LabNodeReply>(new LabPrepareRequest { Path = "vxlan", PeerCount = 1 }, cancel);
            Assert.True(node.Facts.IsReady, node.Facts.Reason);
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
