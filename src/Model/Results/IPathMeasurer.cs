namespace PerfSuite.Model.Results;

/// <summary>Measures one datapath: each repetition runs the same LoadGen cell (same test, streams, duration) and
/// yields one sample of <see cref="Metric"/>. The verifier calls it one repetition at a time so that repetitions
/// of the state before and after a change interleave.</summary>
public interface IPathMeasurer
{
    /// <summary>The results@1 metric a sample is, e.g. "goodputBps".</summary>
    string Metric { get; }

    /// <summary>Whether a larger sample is better (goodput) or worse (latency, CPU per Gbit).</summary>
    bool HigherIsBetter { get; }

    /// <summary>Runs <paramref name="repetitions"/> repetitions of the cell on <paramref name="path"/> and returns
    /// one sample each, in order. A failure (an agent died, the path broke) is a
    /// <see cref="Errors.PerfSuiteException"/>.</summary>
    Task<IReadOnlyList<double>> MeasureAsync(string path, int repetitions, CancellationToken cancellationToken);
}
