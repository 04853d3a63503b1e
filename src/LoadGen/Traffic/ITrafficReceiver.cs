using System.Net;

namespace PerfSuite.LoadGen.Traffic;

/// <summary>The listening side of a test, bound by <see cref="TrafficEngine.Listen"/> so its port can be handed to
/// the sender before traffic starts. <see cref="Run"/> blocks until its window has closed and returns what it
/// measured; it throws <see cref="Model.Errors.PerfSuiteException"/> when the test failed.</summary>
public interface ITrafficReceiver : IDisposable
{
    IPEndPoint LocalEndPoint { get; }

    SideResult Run(CancellationToken cancel);
}
