using PerfSuite.Lab.State;
using PerfSuite.Model.Datapaths;
using PerfSuite.Model.Errors;

namespace PerfSuite.Runner.Testbeds.ExistingLab;

/// <summary>A lab that is already up (<c>perfsuite lab up --name NAME</c>) as a testbed: <c>perfsuite run --lab NAME</c>
/// measures its paths as they were built — their MTU and offload profile are the lab's — and leaves the lab up. One
/// stage; the paths are the run's <c>--paths</c> when given, else every path of the lab; a path the lab does not have
/// or could not build is recorded as skipped or failed with the reason.</summary>
public sealed class ExistingLabTestbed(RunSpec spec, string labName, bool pathsGiven, LabStateStore? store = null) : ITestbed
{
    private readonly LabStateStore _store = store ?? LabStateStore.Default;

    /// <summary>The lab's state; throws <see cref="PerfSuiteException"/> (NotFound) when there is no such lab and
    /// (InvalidArgument) when it is still being built.</summary>
    public LabState State => _state ??= Load();

    private LabState? _state;

    /// <summary>The datapaths this run measures on the lab.</summary>
    public IReadOnlyList<Datapath> Paths => pathsGiven
        ? spec.Paths
        : State.Paths.Select(p => Datapath.TryParse(p.Path, out var d) ? d : null).OfType<Datapath>().ToList();

    public void Validate()
    {
        _ = State;
        if (!Environment.IsPrivilegedProcess)
            throw new PerfSuiteException(ErrorReason.PermissionDenied,
                "perfsuite run --lab needs root: it starts agents inside the lab's namespaces (CAP_SYS_ADMIN)");
    }

    public int CellCount => Paths.Count * spec.Tests.Count * spec.Repetitions;

    public int StageCount => 1;

    public Task<ITestbedStage> OpenStageAsync(int index, IRunProgress progress, CancellationToken cancel)
    {
        cancel.ThrowIfCancellationRequested();
        progress.Phase($"measuring lab '{labName}' as it is: {string.Join(", ", Paths.Select(p => p.Name))} at underlay MTU {State.Spec.UnderlayMtu}, offloads {State.Spec.Offloads}");
        return Task.FromResult<ITestbedStage>(new ExistingLabStage(labName, State, Paths, _store));
    }

    private LabState Load()
    {
        LabNaming.Validate(labName);
        var state = _store.Load(labName)
            ?? throw new PerfSuiteException(ErrorReason.NotFound, $"--lab: no PerfSuite lab '{labName}' (build one with `perfsuite lab up --name {labName}`; see `perfsuite lab list`)");
        if (!state.Complete)
            throw new PerfSuiteException(ErrorReason.InvalidArgument, $"--lab: lab '{labName}' is still being built, or its builder died half way (`perfsuite lab down {labName}` removes it)");
        return state;
    }
}
