using System.Diagnostics;
using PerfSuite.EndToEnd.Tests.Support;
using PerfSuite.Lab.State;
using PerfSuite.Model.Datapaths;
using PerfSuite.Model.Results;

namespace PerfSuite.EndToEnd.Tests;

/// <summary>A datapath that dies during a cell is not a measurement, whoever built it: wireguard-go killed with SIGKILL
/// mid-cell in <c>run --lab NAME</c> (a lab <c>lab up</c> built) and in a fleet run (the agent built it) fails that cell
/// with the reason, and the cells after it fail with the same reason at once instead of waiting for connections. This
/// kernel has no wireguard module, so both use wireguard-go; a host with one skips (nothing to kill).</summary>
[Collection(PerfSuite.EndToEnd.Tests.Lab.LabCollection.Name)]
public sealed class DeadDatapathRunTests(ITestOutputHelper log)
{
    private const string Token = "e2e-dead-datapath-token-h3";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Wireguard_go_killed_mid_cell_of_run_lab_fails_that_cell_and_the_next_ones_with_the_reason()
    {
        // Given a wireguard lab built by lab up, on wireguard-go
        Requires.Root("the lab");
        var name = "h3w" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray().AsSpan(0, 2));
        var folder = Directory.CreateTempSubdirectory("perfsuite-h3dead-").FullName;
        var output = Path.Combine(folder, "run.json");
        try
        {
            var up = await CliHost.RunAsync("lab", "up", "--name", name, "--paths", "wireguard");
            Assert.True(up.ExitCode == 0, up.Stderr + up.Stdout);
            var tunnel = WireguardGoOf(name);

            // When run --lab measures it and wireguard-go is killed while the first cell runs
            var run = await RunKillingAsync(BuiltCli.StartInfo("run", "--lab", name, "--tests", "tcp-stream", "--reps", "3",
                "--duration", "6s", "--warmup", "0.2s", "--out", output), () => tunnel);

            // Then every cell failed naming wireguard-go, none waited for connections that could not come
            AssertEveryCellFailedNaming(output, tunnel, run);
        }
        finally
        {
            await CliHost.RunAsync("lab", "down", name);
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Wireguard_go_killed_mid_cell_of_a_fleet_run_fails_that_cell_and_the_next_ones_with_the_reason()
    {
        // Given two namespace hosts whose agents build wireguard on wireguard-go
        await using var fleet = await TwoHostsAsync("ps-h3f");
        var folder = Directory.CreateTempSubdirectory("perfsuite-h3dead-").FullName;
        var output = Path.Combine(folder, "run.json");
        try
        {
            // When a fleet run measures it and the first wireguard-go an agent recorded is killed mid-cell
            LabProcessRecord? tunnel = null;
            var run = await RunKillingAsync(FleetRun(fleet, "wireguard", output), () => tunnel = LabStateStore.Default.Names().Select(LabStateStore.Default.Load)
                    .OfType<LabState>().SelectMany(s => s.Processes)
                    .FirstOrDefault(p => p.Description.StartsWith("wireguard-go", StringComparison.Ordinal)));

            // Then every cell (each has the broken host at one end) failed naming wireguard-go
            AssertEveryCellFailedNaming(output, tunnel!, run);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_vxlan_device_set_down_mid_cell_of_a_fleet_run_fails_that_cell_and_the_next_ones_naming_it()
    {
        // Given two namespace hosts whose agents build vxlan
        await using var fleet = await TwoHostsAsync("ps-h3v");
        var folder = Directory.CreateTempSubdirectory("perfsuite-h3dead-").FullName;
        var output = Path.Combine(folder, "run.json");
        try
        {
            // When a fleet run measures it and one node's vxlan device is set down mid-cell
            string? device = null;
            var run = await RunBreakingAsync(FleetRun(fleet, "vxlan", output), () => LabStateStore.Default.Names().Select(LabStateStore.Default.Load)
                    .OfType<LabState>().SelectMany(s => s.Namespaces)
                    .FirstOrDefault(ns => LabNaming.TryParseNodeNamespace(ns, out _, out var path, out _) && path == Datapath.Vxlan),
                node =>
                {
                    device = Shell.Run("ip", "-n", node, "-o", "link", "show", "type", "vxlan").Split(':')[1].Trim().Split('@')[0];
                    Shell.Run("ip", "-n", node, "link", "set", device, "down");
                    return $"set {device} in {node} down";
                });

            // Then every cell (each has that host at one end) failed naming the device, none as a slow measurement
            var cells = ResultsReader.Load(output).Cells.Where(c => c.Path == "vxlan").ToList();
            Assert.NotEmpty(cells);
            Assert.True(cells.All(c => c.Status == CellStatus.Failed), run.Stdout + run.Stderr);
            Assert.All(cells, c => Assert.Matches($"the vxlan datapath broke: device {device} in \\S+ was set down", c.Reason));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Two namespace hosts, each with an agent that may build paths.</summary>
    private static async Task<FleetHostNamespaces> TwoHostsAsync(string prefix)
    {
        var fleet = new FleetHostNamespaces(2, prefix);
        try
        {
            await fleet.StartAgentAsync(1, Token);
            await fleet.StartAgentAsync(2, Token);
            return fleet;
        }
        catch
        {
            await fleet.DisposeAsync();
            throw;
        }
    }

    /// <summary>A fleet run of <paramref name="path"/> across <paramref name="fleet"/>: tcp-stream, 2 repetitions of 6 s cells.</summary>
    private static ProcessStartInfo FleetRun(FleetHostNamespaces fleet, string path, string output) =>
        BuiltCli.StartInfo("run", "--hosts", fleet.HostsArgument, "--token", Token, "--netns", fleet.Runner, "--paths", path,
            "--tests", "tcp-stream", "--reps", "2", "--duration", "6s", "--warmup", "0.2s", "--out", output);

    private static LabProcessRecord WireguardGoOf(string lab)
    {
        var state = LabStateStore.Default.Load(lab) ?? throw new InvalidOperationException($"no state of lab {lab}");
        var tunnel = state.Processes.FirstOrDefault(p => p.Description.StartsWith("wireguard-go", StringComparison.Ordinal));
        Requires.That(tunnel is not null, $"lab {lab}'s wireguard path runs no wireguard-go (a kernel with the wireguard module)");
        return tunnel!;
    }

    /// <summary>Starts the run, waits until <paramref name="tunnel"/> finds the tunnel process and the pod of its node holds
    /// an established TCP connection (a cell's data connection: the agents' control runs elsewhere), kills the tunnel
    /// process with SIGKILL, and waits for the run; how long it took after the kill is logged, never asserted.</summary>
    private async Task<CliResult> RunKillingAsync(ProcessStartInfo start, Func<LabProcessRecord?> tunnel)
    {
        LabProcessRecord? victim = null;
        return await RunBreakingAsync(start, () => (victim = tunnel())?.Namespace, _ =>
        {
            Assert.True(ProcessOf(victim!) is not null, $"{victim!.Description} (pid {victim.Pid}) was gone before it was killed");
            Process.GetProcessById(victim.Pid).Kill();
            return $"killed {victim.Description} (pid {victim.Pid})";
        });
    }

    /// <summary>Starts the run, waits until <paramref name="node"/> names the node namespace to break and the pod of that
    /// node holds an established TCP connection, breaks the path there (<paramref name="breakPath"/>, which says what it
    /// did), and waits for the run; how long it took after the break is logged, never asserted.</summary>
    private async Task<CliResult> RunBreakingAsync(ProcessStartInfo start, Func<string?> node, Func<string, string> breakPath)
    {
        using var run = Process.Start(start)!;
        var stdout = run.StandardOutput.ReadToEndAsync(Cancel);
        var stderr = run.StandardError.ReadToEndAsync(Cancel);
        try
        {
            var deadline = DateTime.UtcNow.AddMinutes(3);
            string? target = null;
            while (!run.HasExited && DateTime.UtcNow < deadline && ((target = node()) is null || !Carrying(target + "p1")))
                await Task.Delay(100, Cancel);
            Assert.True(target is not null && !run.HasExited,
                "the run never got to traffic over its path: " + (run.HasExited ? await stderr : "(still running)"));
            var broken = Stopwatch.StartNew();
            var what = breakPath(target);
            await run.WaitForExitAsync(Cancel).WaitAsync(TimeSpan.FromMinutes(3), Cancel);
            var result = new CliResult(run.ExitCode, await stdout, await stderr);
            log.WriteLine($"{what}; the run ended {broken.Elapsed.TotalSeconds:0.0} s later");
            log.WriteLine(result.Stdout + result.Stderr);
            return result;
        }
        finally
        {
            if (!run.HasExited)
                run.Kill(entireProcessTree: true);
        }
    }

    /// <summary>Whether <paramref name="pod"/> has an established TCP connection, as ss sees it.</summary>
    private static bool Carrying(string pod) =>
        Shell.TryRun("ip", "netns", "exec", pod, "ss", "-Htn", "state", "established") is { Code: 0 } ss && ss.Stdout.Trim().Length > 0;

    private static Process? ProcessOf(LabProcessRecord record)
    {
        try
        {
            return Process.GetProcessById(record.Pid);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static void AssertEveryCellFailedNaming(string output, LabProcessRecord tunnel, CliResult run)
    {
        var document = ResultsReader.Load(output);
        var cells = document.Cells.Where(c => c.Path == "wireguard").ToList();
        Assert.NotEmpty(cells);
        Assert.True(cells.All(c => c.Status == CellStatus.Failed), run.Stdout + run.Stderr);
        var reason = $"the wireguard datapath broke: {tunnel.Description} (pid {tunnel.Pid}) in {tunnel.Namespace} is gone";
        Assert.All(cells, c => Assert.Contains(reason, c.Reason, StringComparison.Ordinal));
        Assert.All(cells, c => Assert.DoesNotContain("connections", c.Reason, StringComparison.Ordinal));
    }
}
