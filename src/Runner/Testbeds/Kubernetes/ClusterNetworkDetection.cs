using PerfSuite.Model.Datapaths;

namespace PerfSuite.Runner.Testbeds.Kubernetes;

/// <summary>The cluster's CNI and encapsulation, told by the tunnel devices on its nodes (each datapath's
/// <see cref="Datapath.CniDevices"/>: <c>flannel.1</c>, <c>vxlan.calico</c>, <c>tunl0</c>, <c>wireguard.cali</c>,
/// <c>cilium_vxlan</c>, <c>cilium_geneve</c>, <c>cilium_wg0</c>, …).</summary>
public static class ClusterNetworkDetection
{
    /// <summary>The CNI tunnel devices among <paramref name="links"/>, in the order of the links.</summary>
    public static IReadOnlyList<string> TunnelDevices(IEnumerable<string> links)
    {
        var known = KnownDevices();
        return [.. links.Where(known.ContainsKey).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>The CNI ("flannel", "calico", "cilium") and encapsulation ("vxlan", "wireguard", ..., "native") the nodes'
    /// tunnel devices show. Encryption outranks an encapsulation it may carry, and <c>tunl0</c> comes last: the kernel
    /// creates it whenever the ipip module loads, whatever the CNI. Null for both when no node was probed.</summary>
    public static (string? Cni, string? Encapsulation) Detect(IReadOnlyList<IReadOnlyList<string>>? nodesDevices)
    {
        if (nodesDevices is null || nodesDevices.Count == 0)
            return (null, null);
        var known = KnownDevices();
        var found = nodesDevices.SelectMany(d => d).Where(known.ContainsKey).Select(d => known[d]).Distinct().ToList();
        if (found.Count == 0)
            return (null, Datapath.Native.Name);
        var best = found.OrderBy(f => Rank(f.Path, f.Device)).First();
        return (best.Device.Flavour.ToString().ToLowerInvariant(), best.Path.Name);
    }

    private static int Rank(Datapath path, CniDevice device) =>
        device.Name == "tunl0" ? 9 : path.Kind switch
        {
            DatapathKind.Wireguard => 0,
            DatapathKind.Vxlan => 1,
            DatapathKind.Geneve => 2,
            _ => 5,
        };

    private static Dictionary<string, (Datapath Path, CniDevice Device)> KnownDevices() =>
        Datapath.All.SelectMany(p => p.CniDevices.Select(d => (Path: p, Device: d)))
            .GroupBy(x => x.Device.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
}
