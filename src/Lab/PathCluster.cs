using PerfSuite.Model.Datapaths;

namespace PerfSuite.Lab;

/// <summary>The namespaces, addresses and devices of one path's cluster, all decided before anything is made so
/// they can be recorded first (a crash half way leaves nothing that is not in the lab's state).</summary>
public sealed record PathCluster(string Lab, Datapath Datapath, ClusterShape Shape, IReadOnlyList<LabNode> Nodes, IReadOnlyList<LabPod> Pods)
{
    public IEnumerable<string> Namespaces => Nodes.Select(n => n.Namespace).Concat(Pods.Select(p => p.Namespace));

    public LabNode Node(int number) => Nodes.Single(n => n.Number == number);

    public IEnumerable<LabPod> PodsOn(int node) => Pods.Where(p => p.Node == node);

    /// <summary>The other node of a two-node cluster.</summary>
    public LabNode PeerOf(LabNode node) => Nodes.Single(n => n.Number != node.Number);

    public static PathCluster Plan(string lab, Datapath datapath, ClusterShape shape)
    {
        var nodes = Enumerable.Range(1, shape.Nodes)
            .Select(n => new LabNode(n, LabNaming.NodeNamespace(lab, datapath, n), LabAddressing.Underlay(n), LabAddressing.PodCidr(n),
                LabAddressing.Gateway(n)))
            .ToList();
        var pods = nodes
            .SelectMany(node => Enumerable.Range(1, shape.PodsPerNode).Select(k =>
                new LabPod(node.Number, k, LabNaming.PodNamespace(lab, datapath, node.Number, k), LabAddressing.Pod(node.Number, k),
                    LabNaming.PodHostVeth(k))))
            .ToList();
        return new PathCluster(lab, datapath, shape, nodes, pods);
    }
}
