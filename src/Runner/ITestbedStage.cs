using PerfSuite.Model.Results;

namespace PerfSuite.Runner;

/// <summary>One bring-up of a testbed: the paths whose endpoints are ready, the paths that could not be built (recorded
/// as skipped or failed cells), and the environment a results file records.</summary>
public interface ITestbedStage : IAsyncDisposable
{
    IReadOnlyList<IEndpointPair> Ready { get; }

    IReadOnlyList<UnavailablePath> Unavailable { get; }

    /// <summary><see cref="Ready"/> in rounds whose pairs run at the same time (a fleet's disjoint pairs of hosts under
    /// --concurrency); by default one pair per round, in order.</summary>
    IReadOnlyList<IReadOnlyList<IEndpointPair>> Rounds => [.. Ready.Select(p => (IReadOnlyList<IEndpointPair>)[p])];

    /// <summary>The environment of the run, asked of the first stage only: what it runs on, with
    /// <see cref="RunEnvironment.IdleCpu"/> measured over <paramref name="idleWindow"/> with nothing running.</summary>
    Task<RunEnvironment> ReadEnvironmentAsync(TimeSpan idleWindow, CancellationToken cancel);
}
