using System.Diagnostics;
using System.Globalization;
using PerfSuite.EndToEnd.Tests.Support;
using PerfSuite.Kernel.Namespaces;
using PerfSuite.Model.Results;

namespace PerfSuite.EndToEnd.Tests;

/// <summary>A run killed with SIGKILL runs no cleanup at all: what it leaves must still be safe (no agent keeps
/// running) and useful (every finished cell can be reported and recovered).</summary>
[Collection(PerfSuite.EndToEnd.Tests.Lab.LabCollection.Name)]
public sealed class RunKilledTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_run_killed_with_SIGKILL_leaves_no_agent_and_loses_no_finished_cell()
    {
        Requires.Root("the lab");
        var lab = "k" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray().AsSpan(0, 2));
        var folder = Directory.CreateTempSubdirectory("perfsuite-killed-").FullName;
        var output = Path.Combine(folder, "run.json");
        var journal = ResultsJournal.JournalPathFor(output);
        using var run = Process.Start(BuiltCli.StartInfo("run", "--paths", "native", "--mtu", "1500", "--tests", "tcp-stream,tcp-rr",
            "--reps", "20", "--duration", "1s", "--warmup", "0.2s", "--name", lab, "--out", output))!;
        var owner = run.Id.ToString(CultureInfo.InvariantCulture) + ":";
        try
        {
            // Given a real run that has finished at least two cells, with its agents running
            _ = run.StandardOutput.ReadToEndAsync(Cancel);
            _ = run.StandardError.ReadToEndAsync(Cancel);
            var deadline = DateTime.UtcNow.AddMinutes(3);
            while (CompleteCellLines(journal) < 2 && !run.HasExited && DateTime.UtcNow < deadline)
                await Task.Delay(200, Cancel);
            Assert.False(run.HasExited, "the run ended before it could be killed");
            Assert.True(CompleteCellLines(journal) >= 2, "the run finished no two cells within 3 minutes");
            Assert.NotEmpty(AgentsOwnedBy(owner)); // the oracle can see the agents it will look for afterwards

            // When the runner is killed with SIGKILL
            run.Kill(entireProcessTree: false);
            await run.WaitForExitAsync(Cancel);
            var cellsOnDisk = CompleteCellLines(journal);

            // Then its agents end on their own (the bound catches agents that never end, not a speed)
            var gone = DateTime.UtcNow.AddSeconds(30);
            while (AgentsOwnedBy(owner).Count > 0 && DateTime.UtcNow < gone)
                await Task.Delay(250, Cancel);
            Assert.Empty(AgentsOwnedBy(owner));

            // And report reads the journal as an interrupted run
            var report = await CliHost.RunAsync("report", journal, "--out", Path.Combine(folder, "report"));
            Assert.True(report.ExitCode == 0, report.Stderr);
            Assert.Contains("Interrupted", report.Stdout, StringComparison.Ordinal);

            // And results recover writes a results file with every cell that reached the disk
            var recovered = await CliHost.RunAsync("results", "recover", journal);
            Assert.True(recovered.ExitCode == 0, recovered.Stderr);
            var document = ResultsReader.Load(output);
            Assert.Null(document.FinishedUtc);
            Assert.Equal(cellsOnDisk, document.Cells.Count);
            Assert.All(document.Cells, c => Assert.Equal(CellStatus.Ok, c.Status));
            Assert.Contains($"recovered {cellsOnDisk} finished cells", recovered.Stdout, StringComparison.Ordinal);

            // And a second recover does not replace the results file without --force
            var again = await CliHost.RunAsync("results", "recover", journal);
            Assert.Equal(2, again.ExitCode);
        }
        finally
        {
            if (!run.HasExited)
                run.Kill(entireProcessTree: true);
            foreach (var agent in AgentsOwnedBy(owner))
                Kill(agent.Pid);
            await CliHost.RunAsync("lab", "down", lab);
            Directory.Delete(folder, recursive: true);
        }
        Assert.DoesNotContain(NetworkNamespace.List(), n => n.StartsWith($"ps-{lab}-", StringComparison.Ordinal));
    }

    /// <summary>Cells whose line is complete ('\n'-terminated): the header line is not one.</summary>
    private static int CompleteCellLines(string journal)
    {
        if (!File.Exists(journal))
            return 0;
        var text = File.ReadAllText(journal);
        return Math.Max(0, text.Count(c => c == '\n') - 1);
    }

    private static List<ProcessTable.Entry> AgentsOwnedBy(string ownerPrefix) =>
        ProcessTable.Where(arguments => arguments.Contains("agent")
            && arguments.SkipWhile(a => a != "--owner").Skip(1).FirstOrDefault() is { } owner
            && owner.StartsWith(ownerPrefix, StringComparison.Ordinal));

    private static void Kill(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            process.Kill();
        }
        catch (ArgumentException)
        {
            // Gone already.
        }
    }
}
