using PerfSuite.Kernel.Namespaces;
using PerfSuite.Lab.Datapaths.Geneve;
using PerfSuite.Lab.Tests.Support;
using PerfSuite.Lab.Tunnels;
using PerfSuite.Model.Datapaths;

namespace PerfSuite.Lab.Tests;

/// <summary>
/// The geneve path, kernel only: where the kernel has no <c>geneve</c> module (this project's machines) <c>lab up</c>
/// reports it skipped with that reason and leaves nothing; where it has one (User-Mode Linux) the path is built,
/// carries 1450-byte packets at underlay 1500 and shows Geneve on UDP 6081 on the wire.
/// </summary>
[Collection(LabCollection.Name)]
public sealed class GenevePathBuildTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Without_a_geneve_module_the_path_is_skipped_with_that_reason_and_nothing_is_left()
    {
        // Given a kernel without the geneve module
        ScratchLab.RequireRoot();
        HostSkips.UnlessKernelLacks("geneve", KernelHasGeneve());
        var spec = new LabSpec(NewLabName(), [Datapath.Geneve, Datapath.Native]);
        try
        {
            // When the lab is brought up with geneve and native
            await using var lab = await LabInstance.UpAsync(spec, Token);

            // Then geneve is skipped, saying its builder and what the kernel lacks; native is built all the same
            var geneve = lab.Path(Datapath.Geneve);
            Assert.Equal(LabPathStatus.Skipped, geneve.Status);
            Assert.Contains("kernel: ", geneve.Reason);
            Assert.Contains("the kernel has no 'geneve' module", geneve.Reason);
            Assert.Equal(LabPathStatus.Ready, lab.Path(Datapath.Native).Status);
            Assert.DoesNotContain(ScratchLab.Namespaces(spec.Name), n => n.Contains($"-{Datapath.Geneve.Code}-", StringComparison.Ordinal));
        }
        finally
        {
            ScratchLab.Remove(spec.Name);
        }
        Assert.Empty(ScratchLab.Namespaces(spec.Name));
    }

    [Fact]
    public async Task With_a_geneve_module_the_path_is_built_in_the_kernel_verified_at_1450_with_geneve_on_the_wire()
    {
        // Given a kernel with the geneve module (inside User-Mode Linux)
        ScratchLab.RequireRoot();
        HostSkips.UnlessKernelHas("geneve", KernelHasGeneve());
        var spec = new LabSpec(NewLabName(), [Datapath.Geneve]);
        try
        {
            // When the lab is brought up at underlay MTU 1500
            await using var lab = await LabInstance.UpAsync(spec, Token);

            // Then it is ready in the kernel, verified: path MTU 1450, Geneve on UDP 6081 between the nodes
            var path = lab.Path(Datapath.Geneve);
            Assert.True(path.IsReady, path.Reason);
            Assert.Equal(DatapathImplementation.Kernel, path.Impl);
            Assert.Equal(1450, path.PodMtu);
            Assert.Equal(1450, path.Verification!.ObservedPathMtu);
            Assert.True(path.Verification.WireMatches, path.Verification.WireObservation);
            Assert.Contains("Geneve VNI 1 ", path.Verification.WireObservation);
            Assert.Equal(["geneve0", "geneve0"], path.TunnelDevices.Select(t => t.Name));
        }
        finally
        {
            ScratchLab.Remove(spec.Name);
        }
        Assert.Empty(ScratchLab.Namespaces(spec.Name));
    }

    /// <summary>Lab names of these tests start with "dp" (namespaces ps-dp…), so no other test's lab is touched.</summary>
    private static string NewLabName() => "dpg" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray().AsSpan(0, 2));

    private static bool KernelHasGeneve()
    {
        var scratch = "ps-dpk" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray().AsSpan(0, 3));
        NetworkNamespace.Create(scratch);
        try
        {
            return KernelLinkKinds.Probe(GeneveLinkMessages.Kind, scratch).Available;
        }
        finally
        {
            NetworkNamespace.Delete(scratch, ignoreMissing: true);
        }
    }
}
