using PerfSuite.Cli;
using PerfSuite.Model.Results;
using PerfSuite.Runner.Testbeds.Kubernetes;

namespace PerfSuite.Runner.Tests.Kubernetes;

public sealed class KubernetesResultsTests
{
    private static ResultsDocument ClusterRun()
    {
        var fleet = new SyntheticFleet { Hosts = 2 };
        var document = fleet.Document();
        var cluster = new KubernetesCluster("v1.31.2", "kind-ps", "perfsuite-abc12345", "abc12345", "flannel", null, "vxlan",
        [
            new KubernetesNode(SyntheticFleet.HostName(0), "198.18.0.1", "6.8.0-45-generic", "v1.31.2", "containerd://1.7.22", ["flannel.1"], fleet.Nic(0), null),
            new KubernetesNode(SyntheticFleet.HostName(1), "198.18.0.2", "6.8.0-45-generic", "v1.31.2", "containerd://1.7.22", ["flannel.1", "tunl0"], fleet.Nic(1), null),
            new KubernetesNode("node-z", null, null, null, null, [], null, "pod host-agents-x on node node-z not Ready within 120 s (phase Pending); events of host-agents-x: FailedScheduling: 0/3 nodes are available"),
        ]);
        return document with { Environment = document.Environment with { Cluster = cluster } };
    }

    [Fact]
    public void Cluster_environment_survives_writing_and_reading()
    {
        using var scratch = new ScratchDirectory();
        var path = Path.Combine(scratch.Path, "k8s.json");
        var written = ClusterRun();

        ResultsWriter.WriteAtomic(written, path);
        var read = ResultsReader.Load(path);

        var cluster = read.Environment.Cluster!;
        var expected = written.Environment.Cluster!;
        Assert.Equal((expected.Version, expected.Context, expected.Namespace, expected.RunId, expected.Cni, expected.CniVersion, expected.Encapsulation),
            (cluster.Version, cluster.Context, cluster.Namespace, cluster.RunId, cluster.Cni, cluster.CniVersion, cluster.Encapsulation));
        Assert.Equal(expected.Nodes.Select(n => (n.Name, n.Address, n.Kernel, n.Kubelet, n.ContainerRuntime, string.Join(",", n.TunnelDevices), n.Failure)),
            cluster.Nodes.Select(n => (n.Name, n.Address, n.Kernel, n.Kubelet, n.ContainerRuntime, string.Join(",", n.TunnelDevices), n.Failure)));
        Assert.Equal(expected.Nodes[1].Nic!.Features.Select(f => (f.Name, f.Active)), cluster.Nodes[1].Nic!.Features.Select(f => (f.Name, f.Active)));
        Assert.Null(cluster.Nodes[2].Nic);
    }

    [Fact]
    public void A_run_without_a_cluster_writes_no_cluster_field()
    {
        using var scratch = new ScratchDirectory();
        var path = Path.Combine(scratch.Path, "fleet.json");

        ResultsWriter.WriteAtomic(new SyntheticFleet { Hosts = 2 }.Document(), path);

        Assert.DoesNotContain("\"cluster\"", File.ReadAllText(path));
        Assert.Null(ResultsReader.Load(path).Environment.Cluster);
    }

    [Fact]
    public async Task Report_gate_and_compare_read_a_cluster_run()
    {
        using var scratch = new ScratchDirectory();
        var path = Path.Combine(scratch.Path, "k8s.json");
        ResultsWriter.WriteAtomic(ClusterRun(), path);
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var report = await PerfSuiteApp.RunAsync(["report", path, "--out", Path.Combine(scratch.Path, "report")], stdout, stderr);
        var gate = await PerfSuiteApp.RunAsync(["gate", "--baseline", path, "--current", path], stdout, stderr);
        var compare = await PerfSuiteApp.RunAsync(["compare", path, path, "--out", Path.Combine(scratch.Path, "compare")], stdout, stderr);

        Assert.True(report == 0, stderr.ToString());
        Assert.True(File.Exists(Path.Combine(scratch.Path, "report", "index.html")), string.Join(", ", Directory.GetFiles(Path.Combine(scratch.Path, "report"))));
        Assert.True(gate is 0 or 3, $"gate exit {gate}: {stderr}");
        Assert.True(compare is 0, $"compare exit {compare}: {stderr}");
    }

    [Theory]
    [InlineData("flannel.1", "flannel", "vxlan")]
    [InlineData("tunl0,vxlan.calico", "calico", "vxlan")]
    [InlineData("tunl0", "calico", "ipip")]
    [InlineData("tunl0,wireguard.cali,vxlan.calico", "calico", "wireguard")]
    [InlineData("cilium_vxlan,cilium_wg0", "cilium", "wireguard")]
    [InlineData("cilium_geneve", "cilium", "geneve")]
    [InlineData("eth0,cni0", null, "native")]
    public void Cni_and_encapsulation_follow_the_nodes_tunnel_devices(string links, string? cni, string encapsulation)
    {
        var devices = links.Split(',').Prepend("lo").ToList();

        var (foundCni, foundEncapsulation) = ClusterNetworkDetection.Detect([devices, ["lo", "eth0"]]);

        Assert.Equal((cni, encapsulation), (foundCni, foundEncapsulation));
        Assert.Equal(devices.Where(d => d is not ("lo" or "eth0" or "cni0")), ClusterNetworkDetection.TunnelDevices(devices));
    }

    [Fact]
    public void No_probed_node_means_no_encapsulation_claimed() =>
        Assert.Equal((null, null), ClusterNetworkDetection.Detect(null));
}
