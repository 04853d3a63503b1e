using System.Text;
using System.Text.Json.Nodes;

namespace PerfSuite.Tests.Support.KubeSim;

/// <summary>
/// The simulated kube-proxy, in its nftables mode (kubernetes/kubernetes pkg/proxy/nftables/proxier.go; GA in 1.33):
/// a table <c>ip kube-proxy</c> in every node's namespace whose <c>services</c> chain sends traffic for each
/// ClusterIP:port to a per-service chain that picks one ready endpoint at random (<c>numgen random mod N vmap</c>)
/// and DNATs to it; a service without ready endpoints is rejected (as kube-proxy's no-endpoint-services map does);
/// an endpoint reaching its own service is masqueraded (hairpin, the 0x4000 mark). Hooked at prerouting (from pods)
/// and output (from hostNetwork processes). The whole table is replaced in one <c>nft -f</c> transaction each time
/// it changes, as kube-proxy's sync does.
/// </summary>
public sealed class NftServiceProxy(IReadOnlyList<string> nodes, ScratchDirectory scratch)
{
    private string _applied = "";

    /// <summary>Programs every node for <paramref name="services"/> and the ready endpoints of each (pod IP and the
    /// resolved target port per service port).</summary>
    public void Sync(IEnumerable<(JsonObject Service, IReadOnlyList<(string PodIp, JsonObject Pod)> Endpoints)> services)
    {
        var dispatch = new StringBuilder();
        var rejects = new StringBuilder();
        var chains = new StringBuilder();
        var index = 0;
        foreach (var (service, endpoints) in services)
        {
            var clusterIp = service["spec"]?["clusterIP"]?.GetValue<string>();
            if (clusterIp is null or "None" or "")
                continue;
            foreach (var port in service["spec"]?["ports"]?.AsArray() ?? [])
            {
                var protocol = (port!["protocol"]?.GetValue<string>() ?? "TCP").ToLowerInvariant();
                var servicePort = port["port"]!.GetValue<int>();
                var targets = endpoints
                    .Select(e => (e.PodIp, Port: TargetPort(port.AsObject(), e.Pod)))
                    .Where(t => t.Port is not null)
                    .ToList();
                var chain = $"service-{index++}";
                if (targets.Count == 0)
                {
                    rejects.Append(System.Globalization.CultureInfo.InvariantCulture, $"    ip daddr {clusterIp} {protocol} dport {servicePort} reject\n");
                    continue;
                }
                dispatch.Append(System.Globalization.CultureInfo.InvariantCulture, $"    ip daddr {clusterIp} {protocol} dport {servicePort} jump {chain}\n");
                var map = string.Join(", ", targets.Select((t, i) => $"{i} : jump {chain}-ep{i}"));
                chains.Append(System.Globalization.CultureInfo.InvariantCulture, $"  chain {chain} {{\n    numgen random mod {targets.Count} vmap {{ {map} }}\n  }}\n");
                for (var i = 0; i < targets.Count; i++)
                {
                    chains.Append(System.Globalization.CultureInfo.InvariantCulture,
                        $"  chain {chain}-ep{i} {{\n    ip saddr {targets[i].PodIp} meta mark set meta mark | 0x4000\n" +
                        $"    meta l4proto {protocol} dnat to {targets[i].PodIp}:{targets[i].Port}\n  }}\n");
                }
            }
        }
        var table = "table ip kube-proxy {\n" +
            "  chain nat-prerouting {\n    type nat hook prerouting priority dstnat; policy accept;\n    jump services\n  }\n" +
            "  chain nat-output {\n    type nat hook output priority -100; policy accept;\n    jump services\n  }\n" +
            "  chain nat-postrouting {\n    type nat hook postrouting priority srcnat; policy accept;\n    meta mark & 0x4000 == 0x4000 masquerade\n  }\n" +
            "  chain filter-input {\n    type filter hook input priority filter; policy accept;\n    jump reject-services\n  }\n" +
            "  chain filter-output {\n    type filter hook output priority filter; policy accept;\n    jump reject-services\n  }\n" +
            "  chain filter-forward {\n    type filter hook forward priority filter; policy accept;\n    jump reject-services\n  }\n" +
            "  chain reject-services {\n" + rejects + "  }\n" +
            "  chain services {\n" + dispatch + "  }\n" +
            chains + "}\n";
        lock (this)
        {
            if (table == _applied)
                return;
            var file = scratch.File("kube-proxy.nft");
            // Deleting the table and adding it again in one file is one transaction: no moment without rules.
            File.WriteAllText(file, "table ip kube-proxy\ndelete table ip kube-proxy\n" + table);
            foreach (var node in nodes)
                Shell.Run("ip", "netns", "exec", node, "nft", "-f", file);
            _applied = table;
        }
    }

    /// <summary>Removes the table from every node that still exists.</summary>
    public void Clear()
    {
        foreach (var node in nodes)
            _ = Shell.TryRun("ip", "netns", "exec", node, "nft", "delete", "table", "ip", "kube-proxy");
    }

    /// <summary>The port an endpoint pod serves a service port on: <c>targetPort</c> as a number, or as the name of
    /// one of the pod's container ports (Service reference, ServicePort.targetPort); the service port when unset.</summary>
    private static int? TargetPort(JsonObject port, JsonObject pod)
    {
        var target = port["targetPort"];
        if (target is null)
            return port["port"]!.GetValue<int>();
        if (target.GetValueKind() == System.Text.Json.JsonValueKind.Number)
            return target.GetValue<int>();
        var name = target.GetValue<string>();
        if (int.TryParse(name, out var number))
            return number;
        return (pod["spec"]?["containers"]?.AsArray() ?? [])
            .SelectMany(c => c!["ports"]?.AsArray() ?? [])
            .Where(p => p!["name"]?.GetValue<string>() == name)
            .Select(p => (int?)p!["containerPort"]!.GetValue<int>())
            .FirstOrDefault();
    }
}
