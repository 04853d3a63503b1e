using System.Net;
using System.Net.Sockets;

namespace PerfSuite.LoadGen.Traffic;

/// <summary>A receiving side that listens on TCP (tcp-stream, tcp-rr, tcp-crr): its listener is bound when the side
/// is created, so the port can go to the sender before anything runs, and is closed with the side. Accepted sockets
/// inherit the listener's buffer sizes, which is why they are applied here, before the handshake fixes the window
/// scale.</summary>
internal abstract class TcpListeningReceiver : ITrafficReceiver
{
    protected TcpListeningReceiver(SideContext context, IPEndPoint bind, int backlog)
    {
        Context = context;
        Listener = DataSockets.ListenTcp(context.Scope, bind, context.Spec, backlog);
    }

    public IPEndPoint LocalEndPoint => (IPEndPoint)Listener.LocalEndPoint!;

    protected SideContext Context { get; }

    protected Socket Listener { get; }

    public abstract SideResult Run(CancellationToken cancel);

    public void Dispose() => Listener.Dispose();
}
