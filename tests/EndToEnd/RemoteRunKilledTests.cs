using System.Diagnostics;
using System.Globalization;
using PerfSuite.EndToEnd.Tests.Support;
using PerfSuite.Lab.State;

namespace PerfSuite.EndToEnd.Tests;

/// <summary>A remote run (<c>run --peer</c>) starts one process of its own, the local sender agent: it is recorded in
/// the state directory before it starts, like every process a run starts, and it does not outlive a runner killed
/// with SIGKILL.</summary>
[Collection(PerfSuite.EndToEnd.Tests.Lab.LabCollection.Name)]
public sealed class RemoteRunKilledTests
{
    private const string Token = "e2e-remote-killed-token-h3";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_sender_agent_of_a_remote_run_is_recorded_and_gone_after_the_runner_is_killed_with_SIGKILL()
    {
        // Given a remote run between two namespaces, measuring
        using var hosts = new VethNamespaces();
        await using var peer = await RemoteAgentUnderTest.StartAsync(hosts.B, VethNamespaces.AddressB, Token);
        var folder = Directory.CreateTempSubdirectory("perfsuite-h3remote-").FullName;
        using var run = Process.Start(BuiltCli.StartInfo("run", "--peer", $"198.18.0.2:{peer.EndPoint.Port}", "--token", Token,
            "--netns", hosts.A, "--tests", "tcp-stream", "--reps", "20", "--duration", "1s", "--warmup", "0.2s",
            "--out", Path.Combine(folder, "run.json")))!;
        var owner = run.Id.ToString(CultureInfo.InvariantCulture) + ":";
        string? record = null;
        try
        {
            _ = run.StandardOutput.ReadToEndAsync(Cancel);
            var stderr = run.StandardError.ReadToEndAsync(Cancel);
            var deadline = DateTime.UtcNow.AddMinutes(2);
            LabProcessRecord? sender = null;
            while (sender is null && !run.HasExited && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100, Cancel);
                foreach (var name in LabStateStore.Default.Names())
                {
                    if (LabStateStore.Default.Load(name)?.Processes.FirstOrDefault(p => p.Description.StartsWith("run --peer agent", StringComparison.Ordinal)) is { } found)
                        (sender, record) = (found, name);
                }
            }
            Assert.True(sender is not null, "no sender agent was recorded: " + (run.HasExited ? await stderr : "(the run is still going)"));

            // Then the record is the runner's own agent, in the namespace the run sends from
            var agents = AgentsOwnedBy(owner);
            Assert.Equal([sender!.Pid], agents.Select(a => a.Pid));
            Assert.Equal(hosts.A, sender.Namespace);

            // When the runner is killed with SIGKILL
            run.Kill(entireProcessTree: false);
            await run.WaitForExitAsync(Cancel);

            // Then its agent ends on its own (the bound catches one that never ends, not a speed)
            var gone = DateTime.UtcNow.AddSeconds(30);
            while (AgentsOwnedBy(owner).Count > 0 && DateTime.UtcNow < gone)
                await Task.Delay(250, Cancel);
            Assert.Empty(AgentsOwnedBy(owner));

            // And the record is left for the next run or lab clean (stale: its owner is gone), which removes it
            Assert.True(PerfSuite.Lab.LabCleaner.IsStale(LabStateStore.Default.Load(record!)!));
            var down = await CliHost.RunAsync("lab", "down", record!);
            Assert.True(down.ExitCode == 0, down.Stderr);
            Assert.Null(LabStateStore.Default.Load(record!));
        }
        finally
        {
            if (!run.HasExited)
                run.Kill(entireProcessTree: true);
            foreach (var agent in AgentsOwnedBy(owner))
                Process.GetProcessById(agent.Pid).Kill();
            if (record is not null)
                await CliHost.RunAsync("lab", "down", record);
            Directory.Delete(folder, recursive: true);
        }
    }

    private static List<ProcessTable.Entry> AgentsOwnedBy(string ownerPrefix) =>
        ProcessTable.Where(arguments => arguments.Contains("agent")
            && arguments.SkipWhile(a => a != "--owner").Skip(1).FirstOrDefault() is { } owner
            && owner.StartsWith(ownerPrefix, StringComparison.Ordinal));
}
