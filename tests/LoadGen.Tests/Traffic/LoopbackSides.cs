using System.Net;
using PerfSuite.LoadGen.Traffic;

namespace PerfSuite.LoadGen.Tests.Traffic;

/// <summary>Runs both sides of a test on loopback, each on its own thread, as two agents would.</summary>
internal static class LoopbackSides
{
    public static (SideResult Sender, SideResult Receiver) Run(TestSpec spec)
    {
        using var receiver = TrafficEngine.Listen(spec, new IPEndPoint(IPAddress.Loopback, 0));
        var sender = TrafficEngine.Sender(spec);
        var receiving = Task.Factory.StartNew(() => receiver.Run(CancellationToken.None), TaskCreationOptions.LongRunning);
        var sent = sender.Run(receiver.LocalEndPoint, CancellationToken.None);
        return (sent, receiving.GetAwaiter().GetResult());
    }

    public static TestSpec Short(TestKind test, int streams = 1) => new()
    {
        Test = test,
        Streams = streams,
        WarmupSeconds = 0.2,
        DurationSeconds = 0.5,
        IntervalSeconds = 0.1,
    };
}
