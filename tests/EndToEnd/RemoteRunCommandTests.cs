using System.Net;
using System.Net.Sockets;
using PerfSuite.Cli.Commands;
using PerfSuite.EndToEnd.Tests.Support;
using PerfSuite.LoadGen.Traffic;
using PerfSuite.Model.Results;

namespace PerfSuite.EndToEnd.Tests;

// Counts processes and namespaces machine-wide: runs alone, like the other lab and run tests.
[Collection(PerfSuite.EndToEnd.Tests.Lab.LabCollection.Name)]
public sealed class RemoteRunCommandTests
{
    private const string Token = "e2e-remote-token";

    [Fact]
    public async Task A_remote_run_between_two_namespaces_records_both_hosts_and_report_and_gate_read_it()
    {
        // Given host B's agent, and this side of the run in host A's namespace
        using var hosts = new VethNamespaces();
        await using var agent = await RemoteAgentUnderTest.StartAsync(hosts.B, VethNamespaces.AddressB, Token);
        var output = Path.Combine(Path.GetTempPath(), $"perfsuite-remote-{Guid.NewGuid():N}.json");
        var report = Path.Combine(Path.GetTempPath(), $"perfsuite-remote-report-{Guid.NewGuid():N}");
        var localAgentsBefore = LocalAgents();
        try
        {
            // When
            var result = await CliHost.RunAsync("run", "--peer", $"198.18.0.2:{agent.EndPoint.Port}", "--token", Token, "--netns", hosts.A,
                "--tests", "tcp-stream,tcp-rr", "--reps", "2", "--duration", "1s", "--warmup", "0.2s", "--out", output, "--label", "veth-pair");

            // Then every cell was measured on the host path, with each host's CPU apart
            Assert.True(result.ExitCode == 0, result.Stderr + result.Stdout);
            var document = ResultsReader.Load(output);
            Assert.Equal(4, document.Cells.Count);
            Assert.All(document.Cells, c =>
            {
                Assert.Equal(CellStatus.Ok, c.Status);
                Assert.Equal("host", c.Path);
                Assert.Equal("veth-pair", c.Label);
                Assert.Equal(1500, c.UnderlayMtu);
                Assert.True(c.Metrics!.SenderCpu!.BusyCores > 0);
                Assert.True(c.Metrics.ReceiverCpu!.BusyCores > 0);
                Assert.NotNull(c.Metrics.SenderCpu.CpuByCategory);
                // A veth has no wire: no line rate, so no ceiling
                Assert.Null(c.CeilingBps);
            });
            Assert.All(document.Cells.Where(c => c.Test == "tcp-stream"), c =>
            {
                Assert.True(c.Metrics!.GoodputBps > 0);
                Assert.Equal(1500, c.ObservedPathMtu);
            });
            Assert.All(document.Cells.Where(c => c.Test == "tcp-rr"), c => Assert.True(c.Metrics!.TransactionsPerSecond > 0));

            // And both environments: each host's traffic interface, its snapshot and its idle CPU
            var local = document.Environment;
            Assert.Equal("veth0", local.TrafficInterface);
            var localProbe = Assert.Single(local.Probe);
            Assert.Equal(hosts.A, localProbe.Netns);
            Assert.Equal(["veth0"], localProbe.Interfaces.Select(i => i.Name));
            Assert.NotNull(local.IdleCpu);
            var peer = Assert.IsType<RunEnvironment>(local.Peer);
            Assert.Equal("veth0", peer.TrafficInterface);
            Assert.Equal(["veth0"], Assert.Single(peer.Probe).Interfaces.Select(i => i.Name));
            Assert.NotNull(peer.IdleCpu);
            Assert.Null(peer.Peer);
            Assert.Contains("remote: ", result.Stdout);
            Assert.Contains("busy cores sender", result.Stdout);

            // And nothing of this side is left running, while B's agent stays up for the next run
            Assert.Equal(localAgentsBefore, LocalAgents());
            Assert.False(agent.HasExited);

            // And report and gate take the file as it is
            var reported = await CliHost.RunAsync("report", output, "--out", report);
            Assert.True(reported.ExitCode == 0, reported.Stderr);
            var gated = await CliHost.RunAsync("gate", "--baseline", output, "--current", output);
            Assert.True(gated.ExitCode is 0 or 3, $"gate exited {gated.ExitCode}: {gated.Stderr}");
        }
        finally
        {
            File.Delete(output);
            if (Directory.Exists(report))
                Directory.Delete(report, recursive: true);
        }
    }

    [Fact]
    public async Task A_wrong_token_a_closed_port_no_route_and_a_silent_peer_exit_2_with_one_line()
    {
        // Given host B with an agent, and a listener there that never answers
        using var hosts = new VethNamespaces();
        await using var agent = await RemoteAgentUnderTest.StartAsync(hosts.B, VethNamespaces.AddressB, Token);
        using var silent = NetworkScope.Of(hosts.B).CreateSocket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        silent.Bind(new IPEndPoint(VethNamespaces.AddressB, 0));
        silent.Listen(4);
        var silentPort = ((IPEndPoint)silent.LocalEndPoint!).Port;
        var output = Path.Combine(Path.GetTempPath(), $"perfsuite-remote-{Guid.NewGuid():N}.json");

        foreach (var (peer, token, expected) in new[]
        {
            ($"198.18.0.2:{agent.EndPoint.Port}", "guess", "wrong or missing token"),
            ($"198.18.0.2:{agent.EndPoint.Port + 1}", Token, "cannot reach agent"),
            ($"198.18.9.9:{agent.EndPoint.Port}", Token, "cannot reach agent"),
            ($"198.18.0.2:{silentPort}", Token, "did not reply within 2 s"),
        })
        {
            // When
            var result = await CliHost.RunAsync("run", "--peer", peer, "--token", token, "--netns", hosts.A, "--connect-timeout", "2s",
                "--tests", "tcp-rr", "--reps", "1", "--duration", "1s", "--out", output);

            // Then
            Assert.True(result.ExitCode == 2, $"{peer}: exit {result.ExitCode}: {result.Stderr}{result.Stdout}");
            Assert.Single(result.Stderr.TrimEnd().Split('\n'));
            Assert.StartsWith("perfsuite: ", result.Stderr);
            Assert.Contains(expected, result.Stderr);
            Assert.False(File.Exists(output));
            Assert.False(File.Exists(ResultsJournal.JournalPathFor(output)));
        }
        Assert.False(agent.HasExited);
    }

    [Theory]
    [InlineData(new[] { "--token", "t" }, "--token is for a remote run")]
    [InlineData(new[] { "--netns", "ps-x" }, "--netns is for a remote run")]
    [InlineData(new[] { "--peer", "198.18.0.2:7400", "--token", "t", "--mtu", "9000" }, "--mtu is for the lab")]
    [InlineData(new[] { "--peer", "198.18.0.2:7400", "--token", "t", "--offloads", "no-gro" }, "--offloads is for the lab")]
    [InlineData(new[] { "--peer", "198.18.0.2:7400", "--token", "t", "--name", "x" }, "--name is for the lab")]
    [InlineData(new[] { "--peer", "198.18.0.2", "--token", "t" }, "HOST:PORT")]
    [InlineData(new[] { "--peer", "198.18.0.2:7400", "--token", "t", "--paths", "host,native" }, "one path")]
    [InlineData(new[] { "--peer", "198.18.0.2:7400", "--token", "t", "--connect-timeout", "10m" }, "--connect-timeout")]
    [InlineData(new[] { "--peer", "198.18.0.2:7400", "--token", "t", "--netns", "ps-no-such-namespace" }, "ps-no-such-namespace")]
    public async Task Remote_mode_usage_errors_exit_2_before_anything_is_reached(string[] args, string message)
    {
        var result = await CliHost.RunAsync(["run", .. args]);

        Assert.Equal(2, result.ExitCode);
        Assert.Single(result.Stderr.TrimEnd().Split('\n'));
        Assert.Contains(message, result.Stderr);
    }

    [Fact]
    public void Tokens_never_reach_the_recorded_command_line()
    {
        var recorded = RemoteTokens.Redact(["run", "--peer", "b:7400", "--token", "s3cret", "--token=s3cret", "--label", "s3cret-nic"]);

        Assert.Equal(["run", "--peer", "b:7400", "--token", "<redacted>", "--token=<redacted>", "--label", "s3cret-nic"], recorded);
    }

    /// <summary>Agent processes serving a Unix socket under a remote run's temporary directory: the runner's own sender.</summary>
    private static List<int> LocalAgents() =>
        ProcessTable.Where(arguments => arguments.Any(a => a.Contains("perfsuite-remote-", StringComparison.Ordinal))).Select(p => p.Pid).ToList();
}
