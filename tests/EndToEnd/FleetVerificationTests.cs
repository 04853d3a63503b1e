using PerfSuite.EndToEnd.Tests.Support;
using PerfSuite.Lab.Fleet;
using PerfSuite.Model.Datapaths;
using PerfSuite.Model.Results;

namespace PerfSuite.EndToEnd.Tests;

// Builds namespaces and counts them machine-wide: runs alone, like the other lab and run tests.
[Collection(PerfSuite.EndToEnd.Tests.Lab.LabCollection.Name)]
public sealed class FleetVerificationTests
{
    private const string Token = "e2e-fleet-verify-token";
    private const string Prefix = "ps-fv";

    [Fact]
    public async Task Every_ordered_pair_is_verified_on_the_senders_NIC_with_its_encapsulation_and_path_MTU()
    {
        // Given two namespace hosts with agents
        await using var fleet = new FleetHostNamespaces(2, Prefix);
        await fleet.StartAgentAsync(1, Token);
        await fleet.StartAgentAsync(2, Token);
        var output = Path.Combine(Path.GetTempPath(), $"perfsuite-fleet-verify-{Guid.NewGuid():N}.json");
        try
        {
            // When native and VXLAN are built across them and measured
            var result = await CliHost.RunAsync("run", "--hosts", fleet.HostsArgument, "--token", Token, "--netns", fleet.Runner, "--connect-timeout", "30s",
                "--paths", "native,vxlan", "--tests", "tcp-stream", "--reps", "1", "--duration", "1s", "--warmup", "0.2s", "--out", output);

            // Then every cell carries the verification of its ordered pair, passed
            Assert.True(result.ExitCode == 0, result.Stderr + result.Stdout);
            var document = ResultsReader.Load(output);
            Assert.Equal(4, document.Cells.Count);
            Assert.All(document.Cells, c =>
            {
                Assert.Equal(CellStatus.Ok, c.Status);
                var v = c.Verification!;
                Assert.True(v.Passed, string.Join("; ", v.Failures));
                Assert.True(v.Reachable);
                Assert.True(v.WireMatches);
                // With the path MTU the don't-fragment probes found, which is the path's pod MTU
                Assert.Equal(c.PodMtu, v.ObservedPathMtu);
                Assert.Equal(c.PodMtu, v.ExpectedPathMtu);
                // Captured on the sender's NIC under test, where the sender's node addresses leave for the receiver's
                Assert.Equal($"eth0 of host {c.Sender}", v.CapturedOn);
                var path = Datapath.Parse(c.Path);
                var (from, to) = (FleetAddressing.Underlay(path, HostNumber(fleet, c.Sender!)), FleetAddressing.Underlay(path, HostNumber(fleet, c.Receiver!)));
                if (path == Datapath.Vxlan)
                    Assert.StartsWith($"UDP {from} → {to}:8472 VXLAN VNI 1 carrying 10.42.", v.WireObservation);
                else
                    Assert.Contains("(bare probe)", v.WireObservation);
            });
            Assert.Equal(2, document.Cells.Select(c => (c.Path, c.Sender)).Distinct().Count(c => c.Path == "vxlan"));
        }
        finally
        {
            File.Delete(output);
        }
    }

    [Fact]
    public async Task A_pair_whose_path_does_not_verify_has_its_cells_failed_with_the_reason_and_the_others_are_measured()
    {
        // Given two hosts whose switch drops VXLAN (UDP 8472), and carries no IPv4 packet over 1400 bytes out of its port
        // towards host 2 (a smaller MTU in one direction; lowering the port's MTU would limit both, since a veth checks
        // the MTU of the end that receives)
        await using var fleet = new FleetHostNamespaces(2, Prefix);
        await fleet.StartAgentAsync(1, Token);
        await fleet.StartAgentAsync(2, Token);
        Shell.Run("ip", "netns", "exec", fleet.Switch, "nft",
            "add table bridge psv; add chain bridge psv psdrop { type filter hook forward priority 0; }; " +
            "add rule bridge psv psdrop udp dport 8472 drop; add rule bridge psv psdrop oifname \"p2\" ip length > 1400 drop");
        var output = Path.Combine(Path.GetTempPath(), $"perfsuite-fleet-verify-fail-{Guid.NewGuid():N}.json");
        try
        {
            // When native and VXLAN are run across them
            var result = await CliHost.RunAsync("run", "--hosts", fleet.HostsArgument, "--token", Token, "--netns", fleet.Runner, "--connect-timeout", "30s",
                "--paths", "native,vxlan", "--tests", "tcp-stream", "--reps", "1", "--duration", "1s", "--warmup", "0.2s", "--out", output);

            // Then the run reports failed cells (exit 1), and says why
            Assert.True(result.ExitCode == 1, result.Stderr + result.Stdout);
            var document = ResultsReader.Load(output);
            Assert.Equal(4, document.Cells.Count);
            var (h1, h2) = (fleet.NameOf(1), fleet.NameOf(2));

            // Native towards host 2: reachable, bare on the wire, but the probes larger than 1400 bytes do not arrive
            var towardsH2 = document.Cells.Single(c => c.Path == "native" && c.Sender == h1);
            Assert.Equal(CellStatus.Failed, towardsH2.Status);
            Assert.Contains($"verification of native from {h1} to {h2} failed: path MTU observed 1400, expected 1500", towardsH2.Reason);
            Assert.Equal(1400, towardsH2.Verification!.ObservedPathMtu);
            Assert.True(towardsH2.Verification.WireMatches);
            Assert.Null(towardsH2.Metrics);

            // Native towards host 1 verifies and is measured
            var towardsH1 = document.Cells.Single(c => c.Path == "native" && c.Sender == h2);
            Assert.True(towardsH1.Status == CellStatus.Ok, towardsH1.Reason);
            Assert.True(towardsH1.Verification!.Passed);
            Assert.Equal(1500, towardsH1.Verification.ObservedPathMtu);

            // VXLAN does not cross at all, in either direction
            Assert.All(document.Cells.Where(c => c.Path == "vxlan"), c =>
            {
                Assert.Equal(CellStatus.Failed, c.Status);
                Assert.Contains("does not reach", c.Reason);
                Assert.False(c.Verification!.Reachable);
                Assert.Null(c.Verification.ObservedPathMtu);
            });
        }
        finally
        {
            File.Delete(output);
        }
    }

    private static int HostNumber(FleetHostNamespaces fleet, string name) =>
        Enumerable.Range(1, fleet.Hosts.Count).Single(k => fleet.NameOf(k) == name);
}
