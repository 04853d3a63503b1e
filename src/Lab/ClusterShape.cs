namespace PerfSuite.Lab;

/// <summary>The base a datapath needs before it adds its own part: how many nodes (joined by the underlay wire
/// when two), and how many pods on each.</summary>
public sealed record ClusterShape(int Nodes, int PodsPerNode)
{
    public bool HasWire => Nodes > 1;

    public bool HasPods => PodsPerNode > 0;
}
