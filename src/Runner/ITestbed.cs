namespace PerfSuite.Runner;

/// <summary>Where a run's two endpoints come from: the built-in lab (<see cref="Testbeds.Lab.LabTestbed"/>) or two hosts
/// (<see cref="Testbeds.Remote.RemoteTestbed"/>). The <see cref="MatrixRunner"/> owns the cell loop, the journal, the
/// progress and the order of repetitions; a testbed owns bring-up, teardown and how one test runs between its
/// endpoints.</summary>
public interface ITestbed
{
    /// <summary>Checks what must hold before anything is built or connected (root for the lab); throws
    /// <see cref="Model.Errors.PerfSuiteException"/> with the reason.</summary>
    void Validate();

    /// <summary>Cells the run will record, whatever their outcome.</summary>
    int CellCount { get; }

    /// <summary>Bring-ups, in order: the lab has one per underlay MTU and offload profile, two hosts have one.</summary>
    int StageCount { get; }

    /// <summary>Brings stage <paramref name="index"/> up; disposing it takes it down (and its agents with it).</summary>
    Task<ITestbedStage> OpenStageAsync(int index, IRunProgress progress, CancellationToken cancel);
}
