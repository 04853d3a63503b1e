using System.Diagnostics;
using PerfSuite.Kernel.Namespaces;
using PerfSuite.Kernel.Netlink;
using PerfSuite.Kernel.Processes;
using PerfSuite.Lab.Datapaths;
using PerfSuite.Lab.Offloads;
using PerfSuite.Lab.State;
using PerfSuite.Lab.Tunnels;
using PerfSuite.Lab.Verification;
using PerfSuite.Model.Datapaths;
using PerfSuite.Model.Errors;
using PerfSuite.Model.Results;

namespace PerfSuite.Lab;

/// <summary>
/// Brings labs up (<see cref="LabInstance.UpAsync(LabSpec, LabServices, CancellationToken)"/>): for each requested datapath its own small cluster of namespaces (DESIGN.md "Lab topology"),
/// built by the first builder that works on this host, offloads applied, verified; a path no builder can make
/// is reported skipped with the reasons. Before anything is made, labs that dead runs left are removed, and the
/// new lab's state is recorded so it can be removed in turn whatever happens to this process. On any failure or
/// cancellation (Ctrl-C) everything made so far is removed before the exception leaves.
/// </summary>
internal static class LabBringUp
{
    public static async Task<LabInstance> UpAsync(LabSpec spec, LabServices services, CancellationToken cancellation)
    {
        spec.Validate();
        if (!Environment.IsPrivilegedProcess)
            throw new PerfSuiteException(ErrorReason.PermissionDenied,
                "the lab needs root: it creates network namespaces and devices (CAP_SYS_ADMIN, CAP_NET_ADMIN)");
        if (spec.Offloads.ChangesAnything && services.Offloads is null)
            throw new PerfSuiteException(ErrorReason.NotSupported,
                $"offload profile '{spec.Offloads.Name}' needs a way to set device features (the Probe's SetFeatures), and none was given");
        var stopwatch = Stopwatch.StartNew();
        var cleaner = services.Cleaner;
        cleaner.RemoveStale();
        var recorder = Reserve(spec, cleaner);
        var resources = new LabResources();
        var paths = new List<LabPath>();
        try
        {
            using (var sessions = new NamespaceSessions())
            {
                foreach (var datapath in spec.Paths)
                {
                    cancellation.ThrowIfCancellationRequested();
                    paths.Add(await BuildPathAsync(spec, datapath, services, sessions, recorder, resources, cancellation));
                }
            }
            recorder.Complete(paths.Select(Summarise).ToList());
            // A finished `lab up` outlives this process; its state (complete, persistent) protects it from then on.
            if (spec.Persistent)
                recorder.Release();
        }
        catch
        {
            try
            {
                await resources.DisposeAsync();
                cleaner.Remove(spec.Name);
            }
            catch (PerfSuiteException)
            {
                // The first failure is the one to report. What could not be removed is still named in the
                // lab's state, which the next lab start or `lab clean` finds once this process is gone.
            }
            finally
            {
                recorder.Release();
            }
            throw;
        }
        return new LabInstance(spec, paths, recorder, resources, cleaner, stopwatch.Elapsed);
    }

    private static LabRecorder Reserve(LabSpec spec, LabCleaner cleaner)
    {
        var store = cleaner.Store;
        var labLock = LabLock.Take(store, spec.Name);
        try
        {
            return Reserve(spec, cleaner, labLock);
        }
        catch
        {
            labLock.Dispose();
            throw;
        }
    }

    private static LabRecorder Reserve(LabSpec spec, LabCleaner cleaner, LabLock labLock)
    {
        var store = cleaner.Store;
        var state = LabState.Begin(spec, ProcessIdentity.Current);
        if (!store.TryCreate(state))
        {
            var existing = store.Load(spec.Name);
            if (existing is not null)
            {
                var owner = new ProcessIdentity(existing.OwnerPid, existing.OwnerStartTime);
                throw new PerfSuiteException(ErrorReason.Busy, owner.IsAlive
                    ? $"lab '{spec.Name}' is in use by process {existing.OwnerPid}; choose another --name"
                    : $"lab '{spec.Name}' is up; remove it first with `perfsuite lab down {spec.Name}`, or choose another --name");
            }
            cleaner.Remove(spec.Name, keepLockFile: true);
            if (!store.TryCreate(state))
                throw new PerfSuiteException(ErrorReason.Busy, $"lab '{spec.Name}' is being created by another process");
        }
        else
        {
            // No lab of this name is recorded: namespaces with its prefix are what a dead run left behind.
            var prefix = LabNaming.Prefix(spec.Name);
            foreach (var netns in NetworkNamespace.List().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)))
                NetworkNamespace.Delete(netns, ignoreMissing: true);
        }
        return new LabRecorder(store, state, labLock);
    }

    private static async Task<LabPath> BuildPathAsync(LabSpec spec, Datapath datapath, LabServices services, NamespaceSessions sessions,
        LabRecorder recorder, LabResources labResources, CancellationToken cancellation)
    {
        var builders = services.Catalog.For(datapath);
        var reasons = new List<string>();
        if (builders.Count == 0)
            reasons.Add(NoBuilderReason(datapath));
        foreach (var builder in builders)
        {
            if (builder.SkipReason() is { } skip)
            {
                reasons.Add($"{ImplName(builder.Impl)}: {skip}");
                continue;
            }
            var cluster = PathCluster.Plan(spec.Name, datapath, builder.Shape(spec));
            recorder.AddNamespaces(cluster.Namespaces);
            var resources = new LabResources();
            try
            {
                ClusterBuilder.Build(cluster, sessions, spec.UnderlayMtu, spec.PodMtuFor(datapath), cancellation);
                var built = await builder.BuildAsync(new DatapathBuildContext(spec, cluster, sessions, recorder, resources, cancellation));
                cancellation.ThrowIfCancellationRequested();
                var path = Finish(spec, builder, cluster, built, services, sessions);
                labResources.Own(resources);
                return path;
            }
            catch (Exception e) when (e is KernelModuleMissingException or DatapathUnavailableException)
            {
                reasons.Add($"{ImplName(builder.Impl)}: {e.Message}");
                await resources.DisposeAsync();
                foreach (var netns in cluster.Namespaces)
                {
                    sessions.Forget(netns);
                    NetworkNamespace.Delete(netns, ignoreMissing: true);
                }
                recorder.RemoveNamespaces(cluster.Namespaces);
            }
            catch
            {
                labResources.Own(resources);
                throw;
            }
        }
        return LabPath.Skipped(datapath, spec, string.Join("; ", reasons));
    }

    private static LabPath Finish(LabSpec spec, IDatapathBuilder builder, PathCluster cluster, BuiltDatapath built,
        LabServices services, NamespaceSessions sessions)
    {
        var datapath = cluster.Datapath;
        var (client, server) = Endpoints(cluster);
        var offloads = new List<OffloadApplication>();
        if (spec.Offloads.ChangesAnything)
        {
            var devices = (cluster.Shape.HasWire ? cluster.Nodes.Select(n => (n.Namespace, n.UnderlayDevice)) : [])
                .Concat(built.TunnelDevices.Select(t => (t.Namespace, t.Name)));
            foreach (var (netns, device) in devices)
                offloads.Add(services.Offloads!.Apply(netns, device, spec.Offloads.Changes));
        }
        // Never measured in the wrong state: a real-NIC profile a device cannot take skips the path, naming device and feature.
        List<string> unmet = !spec.Offloads.NeedsHardware ? []
            : offloads.Count == 0 ? ["the path crosses no device to apply it to (one node's bridge)"]
            : [.. offloads.SelectMany(o => spec.Offloads.Unmet(o).Select(u => $"{u} in {o.Namespace}"))];
        PathVerification? verification = null;
        if (spec.Verify && unmet.Count == 0)
        {
            verification = PathVerifier.Verify(cluster, client, server, datapath.Wire, spec.ExpectedPathMtu(datapath),
                (netns, device) => sessions[netns].IndexOf(device));
        }
        var failed = verification is { Passed: false };
        var (status, reason) = unmet.Count > 0 ? (LabPathStatus.Skipped, $"offload profile {spec.Offloads.Name}: {string.Join("; ", unmet)}")
            : failed ? (LabPathStatus.Failed, string.Join("; ", verification!.Failures))
            : (LabPathStatus.Ready, (string?)null);
        return new LabPath(datapath, status, reason,
            builder.Impl, builder.Description, spec.UnderlayMtu,
            datapath.Kind == DatapathKind.Host ? spec.UnderlayMtu : spec.PodMtuFor(datapath),
            built.TunnelDevices.Count > 0 ? spec.TunnelMtuFor(datapath) : null,
            spec.PodMtuOverridden && datapath.Kind != DatapathKind.Host,
            cluster.Nodes, cluster.Pods, client, server, built.TunnelDevices, offloads, verification);
    }

    /// <summary>The client is pod 1 of node 1; the server pod 1 of node 2, pod 2 of node 1 when there is one node,
    /// or node 2 itself when there are no pods (host).</summary>
    private static (LabEndpoint Client, LabEndpoint Server) Endpoints(PathCluster cluster)
    {
        if (!cluster.Shape.HasPods)
        {
            var (a, b) = (cluster.Nodes[0], cluster.Nodes[1]);
            return (new LabEndpoint(a.Namespace, a.UnderlayAddress, a.UnderlayDevice), new LabEndpoint(b.Namespace, b.UnderlayAddress, b.UnderlayDevice));
        }
        var client = cluster.Pods.First(p => p.Node == 1 && p.Number == 1);
        var server = cluster.Shape.Nodes > 1
            ? cluster.Pods.First(p => p.Node == 2 && p.Number == 1)
            : cluster.Pods.First(p => p.Node == 1 && p.Number == 2);
        return (new LabEndpoint(client.Namespace, client.Address, client.Device), new LabEndpoint(server.Namespace, server.Address, server.Device));
    }

    /// <summary>Why a datapath without any builder cannot be built: that, and what the kernel lacks for it, found
    /// by asking it for the link kind in a throwaway namespace.</summary>
    private static string NoBuilderReason(Datapath datapath)
    {
        var reason = $"this build has no builder for '{datapath.Name}'";
        if (datapath.Kind is not (DatapathKind.Ipip or DatapathKind.Wireguard or DatapathKind.VxlanWireguard))
            return reason;
        var capabilities = TunnelCapabilities.Detect();
        var kernel = datapath.Kind == DatapathKind.Ipip ? capabilities.KernelIpip : capabilities.KernelWireguard;
        return kernel.Available ? reason : $"{reason}; {kernel.Reason}";
    }

    private static string ImplName(DatapathImplementation impl) => impl.ToString().ToLowerInvariant();

    private static LabPathSummary Summarise(LabPath path) =>
        new(path.Name, path.Status.ToString().ToLowerInvariant(), path.Impl is { } impl ? ImplName(impl) : null,
            path.IsReady || path.Status == LabPathStatus.Failed ? path.PodMtu : null, path.Verification?.ObservedPathMtu,
            path.Client?.ToString(), path.Server?.ToString(), path.Reason);
}
