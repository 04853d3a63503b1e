using PerfSuite.Model.Results;
using PerfSuite.Report.Gate;

namespace PerfSuite.Report.Tests.Gate;

public sealed class EnvironmentComparerTests
{
    [Fact]
    public void Identical_environments_have_no_difference()
    {
        Assert.Empty(EnvironmentComparer.Compare(SyntheticRuns.Environment(), SyntheticRuns.Environment()));
    }

    [Fact]
    public void Kernel_firmware_offloads_and_mtu_differences_are_each_listed()
    {
        // Given a newer kernel, new firmware, GRO turned off and a jumbo MTU
        var baseline = SyntheticRuns.Environment();
        var current = SyntheticRuns.Environment(kernel: "6.19.0", mtu: 9000, gro: false, firmware: "2.0.0") with
        {
            Sysctls = new Dictionary<string, string> { ["net.ipv4.tcp_congestion_control"] = "bbr" },
        };

        // When
        var differences = EnvironmentComparer.Compare(baseline, current).Select(d => d.ToString()).ToList();

        // Then
        Assert.Equal(
        [
            "kernel: 6.18.0 → 6.19.0",
            "sysctl net.ipv4.tcp_congestion_control: cubic → bbr",
            "node1/eth0 MTU: 1500 → 9000",
            "node1/eth0 firmware: 1.2.3 → 2.0.0",
            "node1/eth0 feature rx-gro: on → off",
        ], differences);
    }

    [Fact]
    public void Two_fleet_runs_compare_their_hosts_by_name_and_not_their_runners()
    {
        // Given a four-host fleet run, then one started from another runner (another kernel and sysctls) in which
        // node-c's NIC has new firmware and tx-udp_tnl-segmentation off, and node-d is gone
        var baseline = new SyntheticFleet().Document().Environment;
        var changed = new SyntheticFleet { FeaturesOff = new Dictionary<int, string[]> { [2] = ["tx-udp_tnl-segmentation"] } }.Document().Environment;
        var current = changed with
        {
            Kernel = "6.19.0",
            Sysctls = new Dictionary<string, string> { ["net.ipv4.tcp_congestion_control"] = "bbr" },
            Hosts =
            [
                .. changed.Hosts!.Take(3).Select(h => h.Name != "node-c" ? h : h with
                {
                    Environment = h.Environment with
                    {
                        Probe = [.. h.Environment.Probe.Select(p => p with { Interfaces = [.. p.Interfaces.Select(i => i with { Driver = i.Driver! with { FirmwareVersion = "2.0" } })] })],
                    },
                }),
            ],
        };

        // When
        var differences = EnvironmentComparer.Compare(baseline, current).Select(d => d.ToString()).ToList();

        // Then the hosts' differences, each named by its host, and nothing of the runner's
        Assert.Equal(
        [
            "host node-c eth0 firmware: empty → 2.0",
            "host node-c eth0 feature tx-udp_tnl-segmentation: on → off",
            "host node-d: present → absent",
        ], differences);
        // And the gate names a fleet run by its hosts and their kernel, not by its runner
        Assert.StartsWith("fleet-1 (fleet of 4 hosts: node-a, node-b, node-c, node-d, kernel 6.18.0, ", GateFormatting.Run(new SyntheticFleet().Document()));
        // And a fleet run against a one-host run says so
        Assert.Contains("fleet hosts: node-a, node-b, node-c, node-d → absent",
            EnvironmentComparer.Compare(baseline, SyntheticRuns.Environment()).Select(d => d.ToString()));
    }

    [Fact]
    public void A_root_qdisc_that_changed_is_listed_and_one_never_recorded_is_not_a_difference()
    {
        static RunEnvironment WithQdisc(string? qdisc)
        {
            var environment = SyntheticRuns.Environment();
            var probe = environment.Probe[0];
            return environment with { Probe = [probe with { Interfaces = [.. probe.Interfaces.Select(i => i with { Qdisc = qdisc })] }] };
        }

        Assert.Equal(["node1/eth0 qdisc: fq_codel → netem"],
            EnvironmentComparer.Compare(WithQdisc("fq_codel"), WithQdisc("netem")).Select(d => d.ToString()));
        Assert.Empty(EnvironmentComparer.Compare(WithQdisc(null), WithQdisc("fq_codel")));
    }

    [Fact]
    public void Lab_namespaces_are_matched_whatever_the_lab_was_called()
    {
        var baseline = SyntheticRuns.Environment(netns: "ps-nightly-node1");
        var current = SyntheticRuns.Environment(netns: "ps-pr-1234-node1");

        Assert.Empty(EnvironmentComparer.Compare(baseline, current));
    }

    [Fact]
    public void A_peer_that_changed_is_named_as_the_peer()
    {
        var baseline = SyntheticRuns.Environment() with { Peer = SyntheticRuns.Environment() };
        var current = SyntheticRuns.Environment() with { Peer = SyntheticRuns.Environment(kernel: "5.15.0") };

        var difference = Assert.Single(EnvironmentComparer.Compare(baseline, current));

        Assert.Equal("peer kernel", difference.Item);
    }

    [Fact]
    public void Require_same_env_fails_the_gate_even_when_every_metric_passes()
    {
        // Given identical numbers but a different kernel
        var goodputs = SyntheticRuns.Draw(10, 9e9, 0.01, 5);
        var baseline = SyntheticRuns.Document("a", SyntheticRuns.StreamCells("native", goodputs));
        var current = SyntheticRuns.Document("b", SyntheticRuns.StreamCells("native", goodputs), SyntheticRuns.Environment(kernel: "6.19.0"));

        // When
        var lenient = RegressionGate.Evaluate(baseline, current, new GateOptions(GateMetric.Defaults));
        var strict = RegressionGate.Evaluate(baseline, current, new GateOptions(GateMetric.Defaults, RequireSameEnvironment: true));

        // Then the difference is listed either way, and fails only with --require-same-env
        Assert.Equal(GateVerdict.Pass, lenient.Verdict);
        Assert.Single(lenient.EnvironmentDifferences);
        Assert.Equal(GateVerdict.Fail, strict.Verdict);
        Assert.True(strict.FailedOnEnvironment);
    }

    [Fact]
    public void A_pod_mtu_that_changed_for_the_same_cell_is_listed()
    {
        var goodputs = SyntheticRuns.Draw(6, 9e9, 0.01, 5);
        var baseline = SyntheticRuns.Document("a", SyntheticRuns.StreamCells("vxlan", goodputs));
        var current = SyntheticRuns.Document("b", SyntheticRuns.StreamCells("vxlan", goodputs).Select(c => c with { PodMtu = 1400 }));

        var report = RegressionGate.Evaluate(baseline, current, new GateOptions(GateMetric.Defaults));

        Assert.Equal("vxlan at underlay MTU 1500 pod MTU: 1450 → 1400", Assert.Single(report.EnvironmentDifferences).ToString());
    }
}
