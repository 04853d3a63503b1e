using PerfSuite.Model.Results;

namespace PerfSuite.Runner;

/// <summary>One bring-up of a testbed: the paths whose endpoints are ready, the paths that could not be built (recorded
/// as skipped or failed cells), and the environment a results file records.</summary>
public interface ITestbedStage : IAsyncDisposable
{
    IReadOnlyList<IEndpointPair> Ready { get; }

    IReadOnlyList<UnavailablePath> Unavailable { get; }

    /// <summary>The environment of the run, asked of the first stage only: what it runs on, with
    /// <see cref="RunEnvironment.IdleCpu"/> measured over <paramref name="idleWindow"/> with nothing running.</summary>
    Task<RunEnvironment> ReadEnvironmentAsync(TimeSpan idleWindow, CancellationToken cancel);
}
