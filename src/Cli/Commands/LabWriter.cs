using System.Globalization;
using PerfSuite.Lab;
using PerfSuite.Lab.State;

namespace PerfSuite.Cli.Commands;

/// <summary>Prints a lab as built (<c>lab up</c>) and the recorded labs (<c>lab list</c>).</summary>
internal sealed class LabWriter(TextWriter output)
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public void WriteUp(LabInstance lab)
    {
        var spec = lab.Spec;
        output.WriteLine(string.Create(Invariant,
            $"lab '{lab.Name}' up in {lab.UpTime.TotalSeconds:0.000} s: underlay MTU {spec.UnderlayMtu}, offloads {spec.Offloads.Name}, {spec.PodsPerNode} pod(s) per node"));
        if (spec.PodMtu is { } podMtu)
            output.WriteLine($"pod MTU forced to {podMtu} (--pod-mtu): a misconfiguration experiment, not what a CNI would set");
        foreach (var path in lab.Paths)
        {
            output.WriteLine();
            WritePath(path);
        }
        output.WriteLine();
        output.WriteLine($"remove with: perfsuite lab down {lab.Name}");
    }

    public void WriteList(LabStateStore store)
    {
        var names = store.Names();
        if (names.Count == 0)
        {
            output.WriteLine("no labs");
            return;
        }
        foreach (var name in names)
        {
            var state = store.Load(name);
            if (state is null)
            {
                output.WriteLine($"{name}: unreadable state (perfsuite lab clean removes it)");
                continue;
            }
            var status = LabCleaner.IsStale(state) ? "stale (owner gone; lab clean removes it)"
                : !state.Complete ? $"being built by process {state.OwnerPid}"
                : LabCleaner.IsInUseElsewhere(state) ? $"up, in use by process {state.OwnerPid}" : "up";
            output.WriteLine(string.Create(Invariant,
                $"{name}: {status}; underlay MTU {state.Spec.UnderlayMtu}, offloads {state.Spec.Offloads}, {state.Namespaces.Count} namespaces, since {state.CreatedUtc:u}"));
            foreach (var path in state.Paths)
            {
                var detail = path.Status == "skipped"
                    ? path.Reason
                    : $"{path.Impl}, pod MTU {path.PodMtu}, path MTU {path.ObservedPathMtu?.ToString(Invariant) ?? "-"}, {path.Client} -> {path.Server}{(path.Reason is null ? "" : $" ({path.Reason})")}";
                output.WriteLine($"  {path.Path,-16} {path.Status,-8} {detail}");
            }
        }
    }

    private void WritePath(LabPath path)
    {
        var status = path.Status.ToString().ToLowerInvariant();
        if (path.Status == LabPathStatus.Skipped)
        {
            output.WriteLine($"{path.Name,-16} {status}: {path.Reason}");
            return;
        }
        output.WriteLine($"{path.Name,-16} {status,-8} impl {path.Impl.ToString()!.ToLowerInvariant()}: {path.Description}");
        var mtus = $"underlay {path.UnderlayMtu}, pod {path.PodMtu}{(path.PodMtuOverridden ? " (forced)" : "")}";
        if (path.TunnelMtu is { } tunnel)
            mtus += $", tunnel {tunnel}";
        output.WriteLine($"  MTU        {mtus}");
        foreach (var node in path.Nodes)
        {
            var devices = $"{node.UnderlayDevice} {node.UnderlayAddress}/{LabAddressing.UnderlayPrefixLength}";
            if (path.Nodes.Count == 1)
                devices = "no underlay";
            if (path.Pods.Count > 0)
                devices += $", {node.Bridge} {node.Gateway}/{node.PodCidr.PrefixLength} (pods {node.PodCidr})";
            var tunnels = path.TunnelDevices.Where(t => t.Namespace == node.Namespace).Select(t => t.Name).ToList();
            if (tunnels.Count > 0)
                devices += $", {string.Join(", ", tunnels)}";
            output.WriteLine($"  node {node.Number}     {node.Namespace}: {devices}");
        }
        foreach (var group in path.Pods.GroupBy(p => p.Node))
        {
            var pods = group.ToList();
            if (pods.Count <= 3)
            {
                foreach (var pod in pods)
                    output.WriteLine($"  pod        {pod.Namespace}: {pod.Device} {pod.Address}/{LabAddressing.PodPrefixLength} (node side {pod.HostVeth})");
                continue;
            }
            var (first, last) = (pods[0], pods[^1]);
            output.WriteLine($"  pods       {pods.Count} on node {group.Key}: {first.Namespace} … {last.Namespace}, {first.Address} … {last.Address} (node side {first.HostVeth} … {last.HostVeth})");
        }
        output.WriteLine($"  client     {path.Client}");
        output.WriteLine($"  server     {path.Server}");
        foreach (var offload in path.Offloads)
            output.WriteLine($"  offloads   {offload.Namespace} {offload}");
        if (path.Verification is { } v)
        {
            output.WriteLine($"  reachable  {(v.Reachable ? "yes, both ways" : "NO")}");
            output.WriteLine(string.Create(Invariant,
                $"  path MTU   {v.ObservedPathMtu?.ToString(Invariant) ?? "none"} observed with don't-fragment probes (expected {v.ExpectedPathMtu}){(v.ObservedPathMtu == v.ExpectedPathMtu ? "" : "  MISMATCH")}"));
            output.WriteLine($"  on wire    {v.WireObservation}{(v.WireMatches == false ? $"  (expected {v.ExpectedOnWire})" : "")}");
            if (!v.Passed)
                output.WriteLine($"  FAILED     {string.Join("; ", v.Failures)} (left up for inspection)");
        }
    }
}
