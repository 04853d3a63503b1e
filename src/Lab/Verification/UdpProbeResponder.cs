using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using PerfSuite.Kernel.Namespaces;

namespace PerfSuite.Lab.Verification;

/// <summary>
/// The server end of a path's verification: a UDP socket made inside the server's namespace that answers every probe
/// (<see cref="UdpProbeClient.Marker"/>, sequence number) with the marker, the sequence number and how many payload bytes
/// arrived, so the client learns whether a probe of a given size crossed whole. The answer is 16 bytes whatever the
/// probe's size: it crosses back even when the path's MTU is what is being searched, and it is never larger than what
/// asked for it. Anything else is ignored. In the lab it runs beside the client; in a fleet run the receiving host's
/// agent runs it in its pod, and the sending host's agent probes it.
/// </summary>
public sealed class UdpProbeResponder : IDisposable
{
    private const int AnswerBytes = UdpProbeClient.HeaderBytes + 4;
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);
    private readonly Socket _socket;
    private readonly Thread _thread;
    private volatile bool _stopping;

    private UdpProbeResponder(Socket socket)
    {
        _socket = socket;
        EndPoint = (IPEndPoint)socket.LocalEndPoint!;
        _thread = new Thread(Answer) { IsBackground = true, Name = $"probe responder {EndPoint}" };
        _thread.Start();
    }

    /// <summary>The address and port probes go to.</summary>
    public IPEndPoint EndPoint { get; }

    /// <summary>Binds <paramref name="server"/>'s address (a port the kernel picks) in its namespace and starts answering.</summary>
    public static UdpProbeResponder Open(LabEndpoint server) =>
        new(NetworkNamespace.Run(server.Namespace, () => Bind(server.Address)));

    /// <summary>Reads an answer: which probe it answers and how many payload bytes of it arrived.</summary>
    public static bool TryReadAnswer(ReadOnlySpan<byte> datagram, out uint sequence, out int received)
    {
        (sequence, received) = (0, 0);
        if (datagram.Length != AnswerBytes || !datagram.StartsWith(UdpProbeClient.Marker))
            return false;
        sequence = BinaryPrimitives.ReadUInt32BigEndian(datagram[UdpProbeClient.Marker.Length..]);
        received = (int)BinaryPrimitives.ReadUInt32BigEndian(datagram[UdpProbeClient.HeaderBytes..]);
        return true;
    }

    public void Dispose()
    {
        // The thread polls with a short timeout and sees the flag; the socket is closed once it has stopped using it.
        _stopping = true;
        _thread.Join(PollInterval * 4);
        _socket.Dispose();
    }

    internal static Socket Bind(IPAddress address)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            socket.Bind(new IPEndPoint(address, 0));
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private void Answer()
    {
        var buffer = new byte[65536];
        var answer = new byte[AnswerBytes];
        while (!_stopping)
        {
            EndPoint from = new IPEndPoint(IPAddress.Any, 0);
            int length;
            try
            {
                if (!_socket.Poll(PollInterval, SelectMode.SelectRead))
                    continue;
                length = _socket.ReceiveFrom(buffer, ref from);
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionReset or SocketError.MessageSize)
            {
                continue;
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                return;
            }
            if (length < UdpProbeClient.HeaderBytes || !buffer.AsSpan(0, length).StartsWith(UdpProbeClient.Marker))
                continue;
            buffer.AsSpan(0, UdpProbeClient.HeaderBytes).CopyTo(answer);
            BinaryPrimitives.WriteUInt32BigEndian(answer.AsSpan(UdpProbeClient.HeaderBytes), (uint)length);
            try
            {
                _socket.SendTo(answer, from);
            }
            catch (SocketException)
            {
                // The way back is gone (the client closed): its probe counts as lost, which it is to the client.
            }
            catch (ObjectDisposedException)
            {
                return;
            }
        }
    }
}
