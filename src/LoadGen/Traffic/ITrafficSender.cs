using System.Net;

namespace PerfSuite.LoadGen.Traffic;

/// <summary>The connecting side of a test. <see cref="Run"/> blocks until its window has closed.</summary>
public interface ITrafficSender
{
    SideResult Run(IPEndPoint peer, CancellationToken cancel);
}
