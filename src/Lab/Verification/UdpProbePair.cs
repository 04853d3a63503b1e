using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using PerfSuite.Kernel.Namespaces;
using PerfSuite.Kernel.Sockets;

namespace PerfSuite.Lab.Verification;

/// <summary>
/// A UDP socket in the client's namespace and one in the server's, each made on a thread inside its namespace
/// (sockets stay bound to the namespace they were made in). The client sets don't-fragment (IP_PMTUDISC_DO).
/// Datagrams carry a marker and a sequence number, so a late answer to an earlier probe is never mistaken
/// for the current one, and a capture can recognise them inside any encapsulation it can read.
/// </summary>
public sealed class UdpProbePair : IDisposable
{
    /// <summary>Starts every probe's payload: "PSPROBE" and a version byte.</summary>
    public static ReadOnlySpan<byte> Marker => "PSPROBE\u0001"u8;

    private const int IpUdpHeaders = 28;
    private readonly Socket _client;
    private readonly Socket _server;
    private readonly IPEndPoint _serverEndPoint;
    private readonly byte[] _receive = new byte[65536];
    private uint _sequence;

    private UdpProbePair(Socket client, Socket server)
    {
        _client = client;
        _server = server;
        _serverEndPoint = (IPEndPoint)server.LocalEndPoint!;
    }

    public static UdpProbePair Open(LabEndpoint client, LabEndpoint server)
    {
        var serverSocket = NetworkNamespace.Run(server.Namespace, () => Bind(server.Address));
        try
        {
            var clientSocket = NetworkNamespace.Run(client.Namespace, () =>
            {
                var socket = Bind(client.Address);
                PacketIo.SetDontFragment(socket);
                return socket;
            });
            return new UdpProbePair(clientSocket, serverSocket);
        }
        catch
        {
            serverSocket.Dispose();
            throw;
        }
    }

    /// <summary>Client → server → client; true when the echo came back within <paramref name="timeout"/>.</summary>
    public bool RoundTrip(TimeSpan timeout)
    {
        var sequence = Send(_client, _serverEndPoint, IpUdpHeaders + Marker.Length + 4);
        if (sequence is null)
            return false;
        EndPoint from = new IPEndPoint(IPAddress.Any, 0);
        if (!Await(_server, sequence.Value, timeout, ref from, out _))
            return false;
        if (Send(_server, (IPEndPoint)from, IpUdpHeaders + Marker.Length + 4, sequence) is null)
            return false;
        EndPoint back = new IPEndPoint(IPAddress.Any, 0);
        return Await(_client, sequence.Value, timeout, ref back, out _);
    }

    /// <summary>Sends one don't-fragment datagram of <paramref name="ipPacketSize"/> bytes (IPv4 + UDP headers
    /// included) and says whether the server received it whole within <paramref name="timeout"/>. EMSGSIZE
    /// (larger than the path MTU the client's kernel knows) counts as not arriving.</summary>
    public bool Arrives(int ipPacketSize, TimeSpan timeout)
    {
        var sequence = Send(_client, _serverEndPoint, ipPacketSize);
        if (sequence is null)
            return false;
        EndPoint from = new IPEndPoint(IPAddress.Any, 0);
        return Await(_server, sequence.Value, timeout, ref from, out var length) && length == ipPacketSize - IpUdpHeaders;
    }

    /// <summary>Sends <paramref name="count"/> small probes without waiting (for a capture to catch).</summary>
    public void Burst(int count)
    {
        for (var i = 0; i < count; i++)
            Send(_client, _serverEndPoint, IpUdpHeaders + Marker.Length + 4);
    }

    public void Dispose()
    {
        _client.Dispose();
        _server.Dispose();
    }

    private static Socket Bind(IPAddress address)
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

    private uint? Send(Socket socket, IPEndPoint to, int ipPacketSize, uint? echo = null)
    {
        var sequence = echo ?? ++_sequence;
        var payload = new byte[Math.Max(ipPacketSize - IpUdpHeaders, Marker.Length + 4)];
        Marker.CopyTo(payload);
        BinaryPrimitives.WriteUInt32BigEndian(payload.AsSpan(Marker.Length), sequence);
        try
        {
            socket.SendTo(payload, to);
            return sequence;
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.MessageSize)
        {
            return null;
        }
    }

    private bool Await(Socket socket, uint sequence, TimeSpan timeout, ref EndPoint from, out int length)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !socket.Poll(left, SelectMode.SelectRead))
            {
                length = 0;
                return false;
            }
            length = socket.ReceiveFrom(_receive, ref from);
            var datagram = _receive.AsSpan(0, length);
            if (datagram.Length >= Marker.Length + 4 && datagram.StartsWith(Marker) &&
                BinaryPrimitives.ReadUInt32BigEndian(datagram[Marker.Length..]) == sequence)
                return true;
        }
    }
}
