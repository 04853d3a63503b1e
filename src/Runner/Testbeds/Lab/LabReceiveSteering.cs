using PerfSuite.Kernel.Netlink;
using PerfSuite.Kernel.Sysfs;
using PerfSuite.Lab;
using PerfSuite.Model.Results;

namespace PerfSuite.Runner.Testbeds.Lab;

/// <summary>Steers the receive processing of a placed lab path with RPS: every receive queue of every device in the
/// path's namespaces gets the CPUs of the agent on its side, the client pod and the client's node the sender's, the
/// server pod and the server's node the receiver's. Veth has no interrupt: a packet's receive softirq runs on the CPU
/// that transmitted it unless the receiving device's rps_cpus sends it to another (netif_rx, and again after GRO), so
/// without this the data's whole way through both nodes runs on the sender's CPU. With it the split is where two
/// machines would split it: at the underlay wire, each node's kernel work on its own agent's CPU. On a one-node path
/// (same-node) the node's veth towards each pod is on that pod's side and its other devices on the receiver's.
/// Everything set is inside the lab's own namespaces, which go with the lab: nothing in the host's is touched.</summary>
internal static class LabReceiveSteering
{
    public static IReadOnlyList<ReceiveSteering> Apply(LabPath path, CpuPlacement placement)
    {
        if (placement.Sender is not { } sender || placement.Receiver is not { } receiver || path.Client is null || path.Server is null)
            return [];
        var steered = new List<ReceiveSteering>();
        foreach (var (netns, sideOf) in Sides(path))
        {
            var devices = Devices(netns);
            foreach (var queue in ReceivePacketSteering.Read(netns, devices))
            {
                var side = sideOf(queue.Interface);
                var mask = RpsMask.Of(side == ReceiveSteering.SenderSide ? sender : receiver);
                var readBack = ReceivePacketSteering.Write(netns, queue.Interface, queue.Queue, mask);
                steered.Add(new ReceiveSteering(side, netns, queue.Interface, queue.Queue, RpsMask.Cpus(readBack)));
            }
        }
        return steered;
    }

    /// <summary>Each namespace of the path with the side each of its devices is on.</summary>
    internal static IEnumerable<(string Namespace, Func<string, string> SideOf)> Sides(LabPath path)
    {
        string Of(string netns) => netns == path.Server!.Namespace ? ReceiveSteering.ReceiverSide : ReceiveSteering.SenderSide;
        var clientPod = path.Pods.FirstOrDefault(p => p.Namespace == path.Client!.Namespace);
        var serverPod = path.Pods.FirstOrDefault(p => p.Namespace == path.Server!.Namespace);
        foreach (var pod in new[] { clientPod, serverPod }.OfType<LabPod>())
        {
            var side = Of(pod.Namespace);
            yield return (pod.Namespace, _ => side);
        }
        foreach (var node in path.Nodes)
        {
            var onNode = new[] { clientPod, serverPod }.OfType<LabPod>().Where(p => p.Node == node.Number).ToList();
            if (node.Namespace == path.Client!.Namespace || node.Namespace == path.Server!.Namespace)
            {
                var side = Of(node.Namespace);
                yield return (node.Namespace, _ => side);
            }
            else if (onNode.Count == 1)
            {
                var side = Of(onNode[0].Namespace);
                yield return (node.Namespace, _ => side);
            }
            else if (onNode.Count == 2)
            {
                var hostVeths = onNode.ToDictionary(p => p.HostVeth, p => Of(p.Namespace));
                yield return (node.Namespace, device => hostVeths.GetValueOrDefault(device, ReceiveSteering.ReceiverSide));
            }
        }
    }

    private static List<string> Devices(string netns)
    {
        using var rtnl = RtnetlinkClient.Open(netns);
        return rtnl.Links().Select(l => l.Name).Where(n => n != "lo").ToList();
    }
}
