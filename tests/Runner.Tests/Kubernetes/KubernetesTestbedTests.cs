using PerfSuite.Lab.Offloads;
using PerfSuite.LoadGen.Traffic;
using PerfSuite.Model.Datapaths;
using PerfSuite.Model.Results;
using PerfSuite.Runner.Testbeds.Kubernetes;

namespace PerfSuite.Runner.Tests.Kubernetes;

public sealed class KubernetesTestbedTests
{
    private const string Events = "events of host-agents-x: FailedScheduling: 0/3 nodes are available: 3 Insufficient cpu";

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

    [Fact]
    public async Task Nodes_whose_agents_never_became_ready_fail_every_cell_with_their_pods_events_and_the_run_still_ends()
    {
        // Given three chosen nodes none of whose agents became Ready (no agent is reached: nothing runs)
        using var scratch = new ScratchDirectory();
        var deploy = new KubeDeploySpec(new KubeRunName("abc12345", "ps-k8a-unit"), ["node-a", "node-b", "node-c"], "img:1");
        var readiness = new KubeReadiness(
            [.. deploy.Nodes.Select(n => new KubeAgentPod("host-agents-x", n, null, $"pod host-agents-x on node {n} not Ready within 5 s (phase Pending); {Events}"))],
            [.. deploy.Nodes.Select((n, i) => new KubeAgentPod($"pod-{i + 1}", n, null, $"pod pod-{i + 1} on node {n} not Ready (container agent waiting: ImagePullBackOff)"))]);
        var cluster = new KubeCluster("v1.31.2", "ps-k8a", deploy, [], readiness, null);
        var spec = new RunSpec([Datapath.Vxlan, Datapath.Native], [], [TestKind.TcpStream], 2, TimeSpan.FromSeconds(1), TimeSpan.Zero, 1,
            [OffloadProfiles.Default], Path.Combine(scratch.Path, "k8s.json"));
        var testbed = new KubernetesTestbed(spec, cluster, "0123456789abcdef0123", null, TimeSpan.FromSeconds(1));

        // When the run goes through its stages
        var document = await new MatrixRunner(spec, new SilentProgress(), testbed).RunAsync(["k8s", "run"], TestContext.Current.CancellationToken);

        // Then every ordered pair of nodes has its cells, each failed with the events of a node's pod
        var fleet = document.Cells.Where(c => c.Path is "vxlan" or "native").ToList();
        Assert.Equal(2 * 3 * 2 * 2, fleet.Count);
        Assert.Equal(testbed.CellCount, document.Cells.Count);
        Assert.All(fleet, c => Assert.Equal(CellStatus.Failed, c.Status));
        Assert.All(fleet, c => Assert.Contains($"node {c.Sender}: pod host-agents-x on node {c.Sender} not Ready", c.Reason));
        Assert.All(fleet, c => Assert.Contains("FailedScheduling", c.Reason));
        Assert.Equal(6, fleet.Select(c => (c.Sender, c.Receiver)).Distinct().Count());
        // And the cluster's own pod-network paths are failed with the pod agents' reasons
        var cni = document.Cells.Where(c => c.Path.StartsWith("k8s-", StringComparison.Ordinal)).ToList();
        Assert.Equal(["k8s-host-pod", "k8s-pod-cross-node", "k8s-pod-host", "k8s-pod-same-node", "k8s-pod-service"],
            cni.Select(c => c.Path).Distinct().Order(StringComparer.Ordinal));
        Assert.All(cni, c => Assert.Equal(CellStatus.Failed, c.Status));
        Assert.Contains(cni, c => c.Reason!.Contains("ImagePullBackOff", StringComparison.Ordinal));
        // And the environment names the cluster and each node's failure
        var recorded = document.Environment.Cluster!;
        Assert.Equal(("v1.31.2", "ps-k8a-unit", "abc12345"), (recorded.Version, recorded.Namespace, recorded.RunId));
        Assert.Equal(deploy.Nodes, recorded.Nodes.Select(n => n.Name));
        Assert.All(recorded.Nodes, n => Assert.Contains("FailedScheduling", n.Failure));
        Assert.Null(recorded.Encapsulation);
    }

    [Fact]
    public void One_node_measures_only_the_same_node_pod_path()
    {
        var deploy = new KubeDeploySpec(new KubeRunName("abc12345", "ps-k8a-unit"), ["node-a"], "img:1");
        var cluster = new KubeCluster("v1.31.2", null, deploy, [], new KubeReadiness([new KubeAgentPod("h", "node-a", "198.18.0.1", null)], []), null);
        var spec = new RunSpec([Datapath.Vxlan], [], [TestKind.TcpStream, TestKind.TcpRr], 3, TimeSpan.FromSeconds(1), TimeSpan.Zero, 1,
            [OffloadProfiles.Default, OffloadProfiles.Parse("no-gro")], "unused.json");

        var testbed = new KubernetesTestbed(spec, cluster, "0123456789abcdef0123", null, TimeSpan.FromSeconds(1));

        Assert.Equal(1 * 2 * 3, testbed.CellCount);
        Assert.Equal(3, testbed.StageCount);
    }
}
