using PerfSuite.Model.Results;

namespace PerfSuite.Runner.Testbeds.Remote;

/// <summary>The one stage of a remote run: its endpoint pair, nothing unavailable (what cannot be reached fails before
/// the first cell), and both hosts' environments.</summary>
internal sealed class RemoteStage(RemoteEndpointPair pair) : ITestbedStage
{
    public IReadOnlyList<IEndpointPair> Ready { get; } = [pair];

    public IReadOnlyList<UnavailablePath> Unavailable => [];

    public Task<RunEnvironment> ReadEnvironmentAsync(TimeSpan idleWindow, CancellationToken cancel) =>
        pair.ReadEnvironmentAsync(idleWindow, cancel);

    public ValueTask DisposeAsync() => pair.DisposeAsync();
}
