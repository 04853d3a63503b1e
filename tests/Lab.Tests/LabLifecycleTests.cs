using System.Diagnostics;
using PerfSuite.Kernel.Namespaces;
using PerfSuite.Kernel.Processes;
using PerfSuite.Lab.Datapaths;
using PerfSuite.Lab.Datapaths.Ipip;
using PerfSuite.Lab.Datapaths.Routing;
using PerfSuite.Lab.Datapaths.Vxlan;
using PerfSuite.Lab.Datapaths.Wireguard;
using PerfSuite.Lab.Offloads;
using PerfSuite.Lab.State;
using PerfSuite.Lab.Tests.Support;
using PerfSuite.Model.Datapaths;
using PerfSuite.Model.Errors;

namespace PerfSuite.Lab.Tests;

/// <summary>Fallback between builders, skips, failures, cancellation, processes, offloads, stale labs.</summary>
[Collection(LabCollection.Name)]
public sealed class LabLifecycleTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public void Ipip_and_wireguard_without_modules_or_userspace_builders_are_skipped_with_the_kernels_reason_and_leave_nothing()
    {
        // Given only the kernel builders
        ScratchLab.RequireRoot();
        HostSkips.UnlessKernelLacks("ipip");
        var spec = ScratchLab.Spec(Datapath.Ipip, Datapath.Wireguard);
        HostSkips.UnlessKernelLacks("wireguard");
        var kernelOnly = new DatapathCatalog([new KernelIpipDatapathBuilder(), new WireguardDatapathBuilder(KernelWireguardImplementation.Instance)]);
        try
        {
            var lab = LabInstance.Up(spec, new LabServices { Catalog = kernelOnly }, Token);

            var ipip = lab.Path(Datapath.Ipip);
            Assert.Equal(LabPathStatus.Skipped, ipip.Status);
            Assert.Contains("the kernel has no 'ipip' module", ipip.Reason);
            var wireguard = lab.Path(Datapath.Wireguard);
            Assert.Equal(LabPathStatus.Skipped, wireguard.Status);
            Assert.StartsWith("kernel: ", wireguard.Reason);
            Assert.Contains("the kernel has no 'wireguard' module", wireguard.Reason);
            Assert.Empty(ScratchLab.Namespaces(spec.Name));
            Assert.Empty(lab.Namespaces);
        }
        finally
        {
            ScratchLab.Remove(spec.Name);
        }
    }

    [Fact]
    public async Task An_unavailable_kernel_builder_falls_back_to_the_userspace_one_on_a_fresh_cluster()
    {
        // Given a kernel builder that finds its module missing after the base cluster exists, and a userspace one
        ScratchLab.RequireRoot();
        var seenByKernel = new List<string>();
        var kernel = new DelegatingDatapathBuilder(Datapath.Native, DatapathImplementation.Kernel, context =>
        {
            context.Netlink(context.Cluster.Nodes[0].Namespace).AddBridge(new(Name: "leftover0"));
            seenByKernel.AddRange(context.Cluster.Namespaces);
            throw new DatapathUnavailableException("no such module here");
        });
        var userspace = new DelegatingDatapathBuilder(Datapath.Native, DatapathImplementation.Userspace, context => new NativeDatapathBuilder().BuildAsync(context));
        var spec = ScratchLab.Spec(Datapath.Native);
        var services = new LabServices { Catalog = new DatapathCatalog([userspace, kernel]) };
        try
        {
            // When
            await using var lab = LabInstance.Up(spec, services, Token);

            // Then the userspace builder made the path on namespaces without the kernel attempt's leftovers
            var path = lab.Path(Datapath.Native);
            Assert.Equal(LabPathStatus.Ready, path.Status);
            Assert.Equal(DatapathImplementation.Userspace, path.Impl);
            Assert.Equal(seenByKernel.Order(), path.Namespaces.Order());
            Assert.DoesNotContain(LabOracle.Ip(path.Nodes[0].Namespace, "link", "show").EnumerateArray(),
                l => l.GetProperty("ifname").GetString() == "leftover0");
        }
        finally
        {
            ScratchLab.Remove(spec.Name);
        }
    }

    [Fact]
    public void When_no_builder_works_the_path_is_skipped_with_every_reason()
    {
        ScratchLab.RequireRoot();
        var kernel = new DelegatingDatapathBuilder(Datapath.Vxlan, DatapathImplementation.Kernel,
            _ => throw new DatapathUnavailableException("kernel says no"));
        var userspace = new DelegatingDatapathBuilder(Datapath.Vxlan, DatapathImplementation.Userspace, _ => throw new InvalidOperationException("never built"),
            skipReason: "the program is not installed");
        var spec = ScratchLab.Spec(Datapath.Vxlan);
        try
        {
            var lab = LabInstance.Up(spec, new LabServices { Catalog = new DatapathCatalog([kernel, userspace]) }, Token);

            var path = lab.Path(Datapath.Vxlan);
            Assert.Equal(LabPathStatus.Skipped, path.Status);
            Assert.Equal("kernel: kernel says no; userspace: the program is not installed", path.Reason);
            Assert.Empty(ScratchLab.Namespaces(spec.Name));
        }
        finally
        {
            ScratchLab.Remove(spec.Name);
        }
    }

    [Fact]
    public void Cancelling_half_way_removes_everything_already_built()
    {
        // Given a lab whose second path is interrupted while it is being built
        ScratchLab.RequireRoot();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var interrupting = new DelegatingDatapathBuilder(Datapath.Vxlan, DatapathImplementation.Kernel, context =>
        {
            cancel.Cancel();
            return new VxlanDatapathBuilder().BuildAsync(context);
        });
        var catalog = DatapathCatalog.Default.With(interrupting);
        catalog = new DatapathCatalog(catalog.Builders.Where(b => b is not VxlanDatapathBuilder));
        var spec = ScratchLab.Spec(Datapath.Native, Datapath.Vxlan);
        try
        {
            // When
            Assert.ThrowsAny<OperationCanceledException>(() =>
                LabInstance.Up(spec, new LabServices { Catalog = catalog }, cancel.Token));

            // Then neither the finished native path nor the vxlan one is left, nor the state
            Assert.Empty(ScratchLab.Namespaces(spec.Name));
            Assert.False(File.Exists(LabCleaner.Default.Store.PathOf(spec.Name)));
        }
        finally
        {
            ScratchLab.Remove(spec.Name);
        }
    }

    [Fact]
    public void A_failure_while_building_removes_everything_and_names_the_cause()
    {
        ScratchLab.RequireRoot();
        var failing = new DelegatingDatapathBuilder(Datapath.Vxlan, DatapathImplementation.Kernel, context =>
        {
            context.Netlink(context.Cluster.Nodes[0].Namespace).SetLink("eth0", mtu: 70000);
            return Task.FromResult(new BuiltDatapath([]));
        });
        var spec = ScratchLab.Spec(Datapath.Native, Datapath.Vxlan);
        try
        {
            var e = Assert.ThrowsAny<PerfSuiteException>(() =>
                LabInstance.Up(spec, new LabServices { Catalog = new DatapathCatalog([new NativeDatapathBuilder(), failing]) }, Token));

            Assert.Equal(ErrorReason.InvalidArgument, e.Reason);
            Assert.Contains("setting link 'eth0' (mtu 70000)", e.Message);
            Assert.Empty(ScratchLab.Namespaces(spec.Name));
            Assert.False(File.Exists(LabCleaner.Default.Store.PathOf(spec.Name)));
        }
        finally
        {
            ScratchLab.Remove(spec.Name);
        }
    }

    [Fact]
    public async Task A_process_a_builder_starts_runs_in_its_namespace_is_recorded_and_ends_with_the_lab()
    {
        // Given a builder that starts a long-running process in node 1, as wireguard-go would be
        ScratchLab.RequireRoot();
        Process? started = null;
        var withProcess = new DelegatingDatapathBuilder(Datapath.Native, DatapathImplementation.Userspace, context =>
        {
            started = context.StartProcess(context.Cluster.Nodes[0].Namespace, new ProcessStartInfo("sleep", "60"), "a test daemon");
            return new NativeDatapathBuilder().BuildAsync(context);
        });
        var spec = ScratchLab.Spec(Datapath.Native);
        try
        {
            var lab = LabInstance.Up(spec, new LabServices { Catalog = new DatapathCatalog([withProcess]) }, Token);
            var pid = started!.Id;

            // Then it lives in the node's namespace and the lab's state names it
            var expected = Shell.Run("stat", "-L", "-c", "%i", NetworkNamespace.PathOf(lab.Path(Datapath.Native).Nodes[0].Namespace)).Trim();
            Assert.Equal($"net:[{expected}]", File.ResolveLinkTarget($"/proc/{pid}/ns/net", false)!.ToString().Split('/')[^1]);
            var recorded = Assert.Single(LabCleaner.Default.Store.Load(spec.Name)!.Processes);
            Assert.Equal((pid, "a test daemon"), (recorded.Pid, recorded.Description));

            // When the lab goes down, so does the process
            await lab.DisposeAsync();
            Assert.True(SpinWait.SpinUntil(() => !ProcessTermination.IsRunning(pid), 2000));
        }
        finally
        {
            ScratchLab.Remove(spec.Name);
        }
    }

    [Fact]
    public async Task An_adopted_process_is_recorded_so_lab_down_ends_it_even_when_the_lab_was_left_behind()
    {
        // Given a builder that starts its own process (as the IPIP encapsulator and wireguard-go do) and adopts it
        ScratchLab.RequireRoot();
        var handle = new ProcessHandle();
        var adopting = new DelegatingDatapathBuilder(Datapath.Native, DatapathImplementation.Userspace, context =>
        {
            var netns = context.Cluster.Nodes[1].Namespace;
            handle.Process = NetworkNamespace.StartProcess(netns, new ProcessStartInfo("sleep", "60"));
            context.Adopt(netns, handle.Process.Id, "a tunnel end", handle);
            return new NativeDatapathBuilder().BuildAsync(context);
        });
        var spec = ScratchLab.Spec(Datapath.Native);
        try
        {
            // When the lab is left behind and removed by name, as `perfsuite lab down` does from another process
            _ = await LabInstance.UpAsync(spec, new LabServices { Catalog = new DatapathCatalog([adopting]) }, Token);
            var pid = handle.Process!.Id;
            Assert.Equal(pid, Assert.Single(LabCleaner.Default.Store.Load(spec.Name)!.Processes).Pid);
            Assert.True(LabInstance.Down(spec.Name));

            // Then the process is gone although its handle was never disposed
            Assert.True(SpinWait.SpinUntil(() => !ProcessTermination.IsRunning(pid), 3000));
            Assert.False(handle.Disposed);
        }
        finally
        {
            ScratchLab.Remove(spec.Name);
            if (handle.Process is { HasExited: false } p)
                p.Kill();
        }
    }

    [Fact]
    public async Task An_adopted_handle_is_disposed_when_the_lab_goes_down()
    {
        ScratchLab.RequireRoot();
        var handle = new ProcessHandle();
        var adopting = new DelegatingDatapathBuilder(Datapath.Native, DatapathImplementation.Userspace, context =>
        {
            var netns = context.Cluster.Nodes[0].Namespace;
            handle.Process = NetworkNamespace.StartProcess(netns, new ProcessStartInfo("sleep", "60"));
            context.Adopt(netns, handle.Process.Id, "a tunnel end", handle);
            return new NativeDatapathBuilder().BuildAsync(context);
        });
        var spec = ScratchLab.Spec(Datapath.Native);
        try
        {
            var lab = await LabInstance.UpAsync(spec, new LabServices { Catalog = new DatapathCatalog([adopting]) }, Token);

            await lab.DisposeAsync();

            Assert.True(handle.Disposed);
            Assert.True(handle.Process!.HasExited);
        }
        finally
        {
            ScratchLab.Remove(spec.Name);
            if (handle.Process is { HasExited: false } p)
                p.Kill();
        }
    }

    /// <summary>Stands for a tunnel component's own handle (IpipEncapsulatorProcess, WireguardGoDevice).</summary>
    private sealed class ProcessHandle : IAsyncDisposable
    {
        public Process? Process { get; set; }

        public bool Disposed { get; private set; }

        public async ValueTask DisposeAsync()
        {
            Disposed = true;
            if (Process is { HasExited: false })
            {
                Process.Kill();
                await Process.WaitForExitAsync();
            }
        }
    }

    [Fact]
    public async Task An_offload_profile_is_applied_to_underlay_and_tunnel_devices_and_recorded()
    {
        ScratchLab.RequireRoot();
        var applier = new RecordingOffloadApplier();
        var spec = ScratchLab.Spec(Datapath.Native, Datapath.Vxlan) with { OffloadProfile = OffloadProfiles.NoGro };
        try
        {
            await using var lab = LabInstance.Up(spec, new LabServices { Offloads = applier }, Token);

            var vxlan = lab.Path(Datapath.Vxlan);
            Assert.Equal(["eth0", "eth0", "flannel.1", "flannel.1"], vxlan.Offloads.Select(o => o.Device));
            Assert.Equal(["eth0", "eth0"], lab.Path(Datapath.Native).Offloads.Select(o => o.Device));
            Assert.All(applier.Calls, c => Assert.Equal(OffloadProfiles.NoGro.Changes, c.Changes));
            Assert.Equal(6, applier.Calls.Count);
        }
        finally
        {
            ScratchLab.Remove(spec.Name);
        }
    }

    [Fact]
    public async Task The_default_applier_sets_features_with_ethtool_and_ethtool_k_agrees()
    {
        // Given the Flannel VXLAN path with the transmit checksum off (Calico issue 11435's flag)
        ScratchLab.RequireRoot();
        var spec = ScratchLab.Spec(Datapath.Vxlan) with { OffloadProfile = OffloadProfiles.NoTxChecksum };
        try
        {
            // When
            await using var lab = LabInstance.Up(spec, Token);

            // Then ethtool -k inside each node says so for eth0 and flannel.1, and the record agrees
            var path = lab.Path(Datapath.Vxlan);
            Assert.Equal(4, path.Offloads.Count);
            foreach (var applied in path.Offloads)
            {
                var ethtool = Shell.Run("ip", "netns", "exec", applied.Namespace, "ethtool", "-k", applied.Device);
                Assert.Contains("tx-checksum-ip-generic: off", ethtool);
                var feature = Assert.Single(applied.Features);
                Assert.Equal(("tx-checksum-ip-generic", false, true), (feature.Feature, feature.Active, feature.TookEffect));
            }
            Assert.True(path.IsReady, path.Reason);
        }
        finally
        {
            ScratchLab.Remove(spec.Name);
        }
    }

    [Fact]
    public void A_profile_that_changes_offloads_needs_a_way_to_set_them_and_nothing_is_built_without()
    {
        ScratchLab.RequireRoot();
        var spec = ScratchLab.Spec(Datapath.Native) with { OffloadProfile = OffloadProfiles.NoTso };

        var e = Assert.ThrowsAny<PerfSuiteException>(() => LabInstance.Up(spec, new LabServices { Offloads = null }, Token));

        Assert.Equal(ErrorReason.NotSupported, e.Reason);
        Assert.Empty(ScratchLab.Namespaces(spec.Name));
        Assert.False(File.Exists(LabCleaner.Default.Store.PathOf(spec.Name)));
    }

    [Fact]
    public async Task Two_labs_with_different_names_coexist_and_one_name_cannot_be_taken_twice()
    {
        ScratchLab.RequireRoot();
        var (a, b) = (ScratchLab.Spec(Datapath.Native), ScratchLab.Spec(Datapath.Native));
        try
        {
            await using var first = LabInstance.Up(a, Token);
            await using var second = LabInstance.Up(b, Token);
            var again = Assert.ThrowsAny<PerfSuiteException>(() => LabInstance.Up(a, Token));

            Assert.Equal(ErrorReason.Busy, again.Reason);
            Assert.True(first.Path(Datapath.Native).IsReady && second.Path(Datapath.Native).IsReady);
            Assert.Equal(4, ScratchLab.Namespaces(a.Name).Count);
            Assert.Equal(4, ScratchLab.Namespaces(b.Name).Count);
        }
        finally
        {
            ScratchLab.Remove(a.Name);
            ScratchLab.Remove(b.Name);
        }
    }

    [Fact]
    public async Task What_a_dead_run_left_is_removed_when_the_next_lab_starts()
    {
        // Given the remains of a run killed with -9: a state whose owner is gone, a namespace, a process, a socket
        ScratchLab.RequireRoot();
        var dead = ScratchLab.NewName();
        var next = ScratchLab.Spec(Datapath.SameNode);
        using var deadOwner = Process.Start("true")!;
        deadOwner.WaitForExit();
        using var orphan = Process.Start("sleep", "60")!;
        var orphanIdentity = ProcessIdentity.Of(orphan.Id)!;
        var netns = LabNaming.NodeNamespace(dead, Datapath.Native, 1);
        var socket = Path.Combine(LabPaths.WireguardSocketDirectory, LabNaming.HostUniqueInterface(dead, "w1") + ".sock");
        var wgSocket = Path.Combine(LabPaths.WireguardSocketDirectory, LabNaming.HostUniqueInterface(dead, "vw2") + ".sock");
        try
        {
            NetworkNamespace.Create(netns);
            Directory.CreateDirectory(LabPaths.WireguardSocketDirectory);
            File.WriteAllText(socket, "");
            File.WriteAllText(wgSocket, "");
            var state = LabState.Begin(new LabSpec(dead, [Datapath.Native]), new ProcessIdentity(deadOwner.Id, 1)) with
            {
                Namespaces = [netns],
                Processes = [new LabProcessRecord(orphanIdentity.Pid, orphanIdentity.StartTime, netns, "orphan")],
            };
            Assert.True(LabCleaner.Default.Store.TryCreate(state));

            // When another lab starts
            await LabInstance.Up(next with { Verify = false }, Token).DisposeAsync();

            // Then the dead run's remains are gone
            Assert.False(NetworkNamespace.Exists(netns));
            Assert.False(File.Exists(socket));
            Assert.False(File.Exists(wgSocket));
            Assert.True(orphan.WaitForExit(2000));
            Assert.Null(LabCleaner.Default.Store.Load(dead));
        }
        finally
        {
            ScratchLab.Remove(dead);
            ScratchLab.Remove(next.Name);
            if (!orphan.HasExited)
                orphan.Kill();
        }
    }

    private sealed class RecordingOffloadApplier : IOffloadApplier
    {
        public List<(string Namespace, string Device, IReadOnlyDictionary<string, bool> Changes)> Calls { get; } = [];

        public OffloadApplication Apply(string netns, string device, IReadOnlyDictionary<string, bool> changes)
        {
            Calls.Add((netns, device, changes));
            return new OffloadApplication(netns, device,
                changes.Select(c => new OffloadFeatureResult(c.Key, c.Value, c.Value, TookEffect: true, Reason: null)).ToList(), []);
        }
    }
}
