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
