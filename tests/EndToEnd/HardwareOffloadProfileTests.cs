using PerfSuite.EndToEnd.Tests.Support;
using PerfSuite.Kernel.Namespaces;
using PerfSuite.Model.Results;

namespace PerfSuite.EndToEnd.Tests;

/// <summary>The real-NIC profiles (no-gro-hw, lro, no-tnl-port) on veth, which has those features fixed: their cells are
/// skipped with the device and feature named, in the lab and in a fleet run, never measured.</summary>
[Collection(PerfSuite.EndToEnd.Tests.Lab.LabCollection.Name)]
public sealed class HardwareOffloadProfileTests
{
    private const string Token = "e2e-fleet-hwprofile-token";

    [Fact]
    public async Task In_the_lab_a_hardware_profile_on_veth_is_skipped_naming_the_device_and_feature_while_default_is_measured()
    {
        Requires.Root("the lab");
        var lab = "fv" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray().AsSpan(0, 2));
        var output = Path.Combine(Path.GetTempPath(), $"perfsuite-hwprofile-{Guid.NewGuid():N}.json");
        try
        {
            // When
            var result = await CliHost.RunAsync("run", "--paths", "native", "--mtu", "1500", "--offloads", "default,no-gro-hw,lro,no-tnl-port",
                "--tests", "tcp-stream", "--reps", "1", "--duration", "1s", "--warmup", "0.2s", "--name", lab, "--out", output);

            // Then default is measured and every hardware profile's cell is skipped, naming veth eth0 of node 1 and the feature
            Assert.True(result.ExitCode == 0, result.Stderr + result.Stdout);
            var document = ResultsReader.Load(output);
            Assert.Equal(CellStatus.Ok, document.Cells.Single(c => c.Offloads == "default").Status);
            foreach (var (profile, feature) in new[] { ("no-gro-hw", "rx-gro-hw is fixed off on eth0"), ("lro", "eth0 cannot set rx-lro on"), ("no-tnl-port", "rx-udp_tunnel-port-offload is fixed off on eth0") })
            {
                var cell = document.Cells.Single(c => c.Offloads == profile);
                Assert.Equal(CellStatus.Skipped, cell.Status);
                Assert.Null(cell.Metrics);
                Assert.StartsWith($"offload profile {profile}: ", cell.Reason);
                Assert.Contains(feature, cell.Reason);
                Assert.Contains($" in ps-{lab}-nat-n1", cell.Reason);
            }
            Assert.Contains("cannot set rx-lro on", document.Cells.Single(c => c.Offloads == "lro").Reason);
            Assert.Contains("rx-gro-hw is fixed off on eth0", document.Cells.Single(c => c.Offloads == "no-gro-hw").Reason);
            Assert.DoesNotContain(NetworkNamespace.List(), n => n.StartsWith($"ps-{lab}-", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(output);
        }
    }

    [Fact]
    public async Task In_a_fleet_run_a_hardware_profile_is_skipped_naming_each_host_its_NIC_and_the_feature()
    {
        // Given two namespace hosts, whose "NIC" is a veth
        await using var fleet = new FleetHostNamespaces(2, "ps-fv");
        await fleet.StartAgentAsync(1, Token);
        await fleet.StartAgentAsync(2, Token);
        var before = new[] { fleet.StateOf(1), fleet.StateOf(2) };
        var output = Path.Combine(Path.GetTempPath(), $"perfsuite-fleet-hwprofile-{Guid.NewGuid():N}.json");
        try
        {
            // When
            var result = await CliHost.RunAsync("run", "--hosts", fleet.HostsArgument, "--token", Token, "--netns", fleet.Runner, "--connect-timeout", "30s",
                "--paths", "native", "--offloads", "no-gro-hw,lro", "--tests", "tcp-stream", "--reps", "1", "--duration", "1s", "--out", output);

            // Then every cell of both profiles is skipped, naming both hosts, eth0 and the feature
            Assert.True(result.ExitCode == 0, result.Stderr + result.Stdout);
            var document = ResultsReader.Load(output);
            Assert.Equal(4, document.Cells.Count);
            Assert.All(document.Cells, c =>
            {
                Assert.Equal(CellStatus.Skipped, c.Status);
                Assert.Null(c.Metrics);
                Assert.StartsWith($"offload profile {c.Offloads} cannot be applied: ", c.Reason);
                foreach (var host in new[] { fleet.NameOf(1), fleet.NameOf(2) })
                {
                    Assert.Contains(c.Offloads == "lro" ? $"host {host}: eth0 cannot set rx-lro on" : $"host {host}: rx-gro-hw is fixed off on eth0",
                        c.Reason);
                }
            });
            // And the hosts are as they were
            Assert.Equal(before[0], fleet.StateOf(1));
            Assert.Equal(before[1], fleet.StateOf(2));
        }
        finally
        {
            File.Delete(output);
        }
    }
}
