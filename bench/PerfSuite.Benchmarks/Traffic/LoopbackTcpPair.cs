using System.Net;
using System.Net.Sockets;

namespace PerfSuite.Benchmarks.Traffic;

/// <summary>A TCP connection over loopback, both ends in this process, with the options the engines set on their
/// data sockets. Blocking sockets only, as the engines use them (see DataSockets).</summary>
public sealed class LoopbackTcpPair : IDisposable
{
    public LoopbackTcpPair(bool noDelay)
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        Client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = noDelay };
        Client.Connect(listener.LocalEndPoint!);
        Server = listener.Accept();
        Server.NoDelay = noDelay;
    }

    /// <summary>The connecting end: the tcp-stream sender, the tcp-rr client.</summary>
    public Socket Client { get; }

    /// <summary>The accepted end: the tcp-stream receiver, the tcp-rr server.</summary>
    public Socket Server { get; }

    /// <summary>Ends the client's direction (FIN): the server's loop reads the end of the stream and returns on its
    /// own, as the engines' loops do when the client finishes. Join the server's thread before <see cref="Dispose"/>.</summary>
    public void FinishSending() => Client.Shutdown(SocketShutdown.Send);

    /// <summary>Shuts both ends down, which wakes a thread blocked in either, and closes them.</summary>
    public void Dispose()
    {
        foreach (var socket in new[] { Client, Server })
        {
            try
            {
                socket.Shutdown(SocketShutdown.Both);
            }
            catch (SocketException)
            {
                // Already reset by the other end.
            }
            socket.Dispose();
        }
    }
}
