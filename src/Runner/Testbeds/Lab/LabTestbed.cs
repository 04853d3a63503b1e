using System.Globalization;
using PerfSuite.Lab;
using PerfSuite.Model.Errors;

namespace PerfSuite.Runner.Testbeds.Lab;

/// <summary>The built-in lab as a testbed: per underlay MTU and offload profile one lab with every path of the run up at
/// once, and an agent pair per path in its pod namespaces. A path the host cannot build is recorded as skipped with
/// the lab's reason; one built wrong (verification failed) as failed.</summary>
public sealed class LabTestbed(RunSpec spec, LabServices services) : ITestbed
{
    private LabPlacement? _placement;

    public void Validate()
    {
        if (spec.UnderlayMtus.Count == 0 || spec.Offloads.Count == 0)
            throw new PerfSuiteException(ErrorReason.InvalidArgument, "a lab run needs at least one underlay MTU and one offload profile");
        if (!Environment.IsPrivilegedProcess)
            throw new PerfSuiteException(ErrorReason.PermissionDenied,
                "perfsuite run needs root: the lab creates network namespaces and devices (CAP_SYS_ADMIN, CAP_NET_ADMIN)");
        // A CPU the placement names but this process may not use is refused before anything is built.
        _placement = new LabPlacement(spec.Cpus ?? AgentCpus.None);
    }

    public int CellCount => StageCount * spec.Paths.Count * spec.Tests.Count * spec.Repetitions;

    public int StageCount => spec.UnderlayMtus.Count * spec.Offloads.Count;

    public async Task<ITestbedStage> OpenStageAsync(int index, IRunProgress progress, CancellationToken cancel)
    {
        var mtu = spec.UnderlayMtus[index / spec.Offloads.Count];
        var offloads = spec.Offloads[index % spec.Offloads.Count];
        cancel.ThrowIfCancellationRequested();
        progress.Phase(string.Create(CultureInfo.InvariantCulture,
            $"building the lab: {string.Join(", ", spec.Paths.Select(p => p.Name))} at underlay MTU {mtu}, offloads {offloads.Name}"));
        var lab = await LabInstance.UpAsync(new LabSpec(spec.LabName, spec.Paths, mtu, OffloadProfile: offloads), services, cancel);
        return new LabStage(lab, offloads, _placement ??= new LabPlacement(spec.Cpus ?? AgentCpus.None));
    }
}
