using PerfSuite.LoadGen.Traffic;

namespace PerfSuite.Runner;

/// <summary>The two endpoints of one path: a receiving and a sending agent, and how one test runs between them.</summary>
public interface IEndpointPair
{
    RunPlace Place { get; }

    /// <summary>Runs one test. A failure (an agent died, the path broke) throws
    /// <see cref="Model.Errors.PerfSuiteException"/> with its reason, and the pair starts afresh for the next cell.</summary>
    Task<CellMeasurement> MeasureAsync(TestSpec spec, CancellationToken cancel);
}
