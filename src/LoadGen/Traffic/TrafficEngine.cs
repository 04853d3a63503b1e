using System.Net;

namespace PerfSuite.LoadGen.Traffic;

/// <summary>Creates either side of any test. The receiver is bound here, before anything runs, so its port can be sent
/// to the sender; both sides then block in Run until their window has closed.</summary>
public static class TrafficEngine
{
    public static ITrafficReceiver Listen(TestSpec spec, IPEndPoint bind, NetworkScope? scope = null,
        TrafficTimeouts? timeouts = null, TestLimits? limits = null)
    {
        spec.Validate(limits ?? TestLimits.Default);
        var context = new SideContext(spec, scope ?? NetworkScope.Host, timeouts ?? TrafficTimeouts.Default);
        return spec.Test switch
        {
            TestKind.TcpStream => new TcpStreamReceiver(context, bind),
            TestKind.TcpRr => new TcpRrServer(context, bind),
            TestKind.TcpCrr => new TcpCrrServer(context, bind),
            TestKind.UdpStream => new UdpStreamReceiver(context, bind),
            _ => throw new ArgumentOutOfRangeException(nameof(spec)),
        };
    }

    public static ITrafficSender Sender(TestSpec spec, NetworkScope? scope = null, TrafficTimeouts? timeouts = null,
        TestLimits? limits = null)
    {
        spec.Validate(limits ?? TestLimits.Default);
        var context = new SideContext(spec, scope ?? NetworkScope.Host, timeouts ?? TrafficTimeouts.Default);
        return spec.Test switch
        {
            TestKind.TcpStream => new TcpStreamSender(context),
            TestKind.TcpRr => new TcpRrClient(context),
            TestKind.TcpCrr => new TcpCrrClient(context),
            TestKind.UdpStream => new UdpStreamSender(context),
            _ => throw new ArgumentOutOfRangeException(nameof(spec)),
        };
    }
}
