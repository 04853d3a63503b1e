using PerfSuite.Lab.Offloads;
using PerfSuite.LoadGen.Agent;
using PerfSuite.LoadGen.Traffic;
using PerfSuite.Model.Datapaths;
using PerfSuite.Model.Errors;
using PerfSuite.Model.Results;
using PerfSuite.Runner.Testbeds.Remote;

namespace PerfSuite.Runner.Tests.Remote;

public sealed class RemoteRunTests
{
    private const string Token = "remote-run-token";

    [Fact]
    public async Task An_agent_killed_mid_test_fails_that_cell_and_the_run_goes_on_with_the_agent_that_replaces_it()
    {
        // Given an agent on host B, and a run from host A of three tcp-stream repetitions
        using var hosts = new VethNamespaces();
        var first = await RemoteAgentUnderTest.StartAsync(hosts.B, VethNamespaces.AddressB, Token);
        var agents = new List<RemoteAgentUnderTest> { first };
        var output = Path.Combine(Path.GetTempPath(), $"perfsuite-remote-{Guid.NewGuid():N}.json");
        var spec = new RunSpec([Datapath.Host], [], [TestKind.TcpStream], 3, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(0.5), 1,
            [OffloadProfiles.Default], output, Label: "killed");
        var peer = new RemotePeer(first.EndPoint.Address.ToString(), first.EndPoint.Port, Token, hosts.A, TimeSpan.FromSeconds(10));
        // When the agent is killed while it runs the first cell's test, and a new one takes its port after that cell
        var progress = new KillDuringFirstCell(hosts, first, () =>
        {
            var replacement = RemoteAgentUnderTest.StartAsync(hosts.B, VethNamespaces.AddressB, Token, first.EndPoint.Port)
                .GetAwaiter().GetResult();
            agents.Add(replacement);
        });
        try
        {
            var document = await new MatrixRunner(spec, progress, new RemoteTestbed(spec, peer))
                .RunAsync(["run", "--peer", peer.ToString()], TestContext.Current.CancellationToken);

            // Then the first cell failed with the agent's fate as its reason, and the other two were measured
            Assert.True(progress.Killed);
            Assert.Equal([CellStatus.Failed, CellStatus.Ok, CellStatus.Ok], document.Cells.Select(c => c.Status));
            Assert.Contains("agent tcp:198.18.0.2", document.Cells[0].Reason);
            Assert.All(document.Cells.Skip(1), c =>
            {
                Assert.True(c.Metrics!.GoodputBps > 0);
                Assert.True(c.Metrics.SenderCpu!.BusyCores > 0);
                Assert.True(c.Metrics.ReceiverCpu!.BusyCores > 0);
                Assert.Equal("killed", c.Label);
            });
            Assert.Equal(document.Cells.Select(c => (c.Rep, c.Status)), ResultsReader.Load(output).Cells.Select(c => (c.Rep, c.Status)));
            Assert.NotNull(document.Environment.Peer);
        }
        finally
        {
            foreach (var agent in agents)
                await agent.DisposeAsync();
            File.Delete(output);
        }
    }

    [Fact]
    public async Task A_wrong_token_fails_the_run_before_anything_is_written_or_started()
    {
        // Given an agent on host B
        using var hosts = new VethNamespaces();
        await using var agent = await RemoteAgentUnderTest.StartAsync(hosts.B, VethNamespaces.AddressB, Token);
        var output = Path.Combine(Path.GetTempPath(), $"perfsuite-remote-{Guid.NewGuid():N}.json");
        var spec = new RunSpec([Datapath.Host], [], [TestKind.TcpRr], 1, TimeSpan.FromSeconds(1), TimeSpan.Zero, 1,
            [OffloadProfiles.Default], output);
        var peer = new RemotePeer("198.18.0.2", agent.EndPoint.Port, "not-the-token", hosts.A, TimeSpan.FromSeconds(10));

        // When
        var e = await Assert.ThrowsAsync<PerfSuiteException>(() =>
            new MatrixRunner(spec, new SilentProgress(), new RemoteTestbed(spec, peer)).RunAsync(["run"], TestContext.Current.CancellationToken));

        // Then
        Assert.Equal(ErrorReason.PermissionDenied, e.Reason);
        Assert.Contains("token", e.Message);
        Assert.False(File.Exists(output));
        Assert.False(File.Exists(ResultsJournal.JournalPathFor(output)));
        Assert.False(agent.HasExited);
    }

    /// <summary>Kills the agent once it is busy with the first cell's test (it refuses an idle CPU sample while a test
    /// runs), so the kill lands mid-test whatever the machine's speed; replaces it once that cell is recorded.</summary>
    private sealed class KillDuringFirstCell(VethNamespaces hosts, RemoteAgentUnderTest agent, Action replace) : IRunProgress
    {
        private Task? _killer;

        public bool Killed { get; private set; }

        public void Phase(string message)
        {
        }

        public void CellStarting(RunCellKey cell, int index, int total, TimeSpan remaining)
        {
            if (index == 1)
                _killer = Task.Run(KillWhenBusyAsync);
        }

        public void CellFinished(CellResult result, int index, int total)
        {
            if (index != 1)
                return;
            _killer!.GetAwaiter().GetResult();
            replace();
        }

        private async Task KillWhenBusyAsync()
        {
            await using var probe = await AgentClient.ConnectTcpAsync(agent.EndPoint, Token, TimeSpan.FromSeconds(10),
                CancellationToken.None, NetworkScope.Of(hosts.A));
            for (var attempt = 0; attempt < 2000; attempt++)
            {
                try
                {
                    await probe.SampleCpuAsync(TimeSpan.FromMilliseconds(5), CancellationToken.None);
                }
                catch (PerfSuiteException e) when (e.Reason == ErrorReason.Busy)
                {
                    agent.Kill();
                    Killed = true;
                    return;
                }
            }
        }
    }

    private sealed class SilentProgress : IRunProgress
    {
        public void Phase(string message)
        {
        }

        public void CellStarting(RunCellKey cell, int index, int total, TimeSpan remaining)
        {
        }

        public void CellFinished(CellResult result, int index, int total)
        {
        }
    }
}
