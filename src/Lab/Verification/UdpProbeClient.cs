using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using PerfSuite.Kernel.Namespaces;
using PerfSuite.Kernel.Sockets;

namespace PerfSuite.Lab.Verification;

/// <summary>
/// The probing end of a path's verification: a UDP socket made on a thread inside the client's namespace (sockets stay
/// bound to the namespace they were made in), with don't-fragment set (IP_PMTUDISC_DO), sending to a
/// <see cref="UdpProbeResponder"/> at the server's end, in the same process (the lab) or on another host (a fleet agent).
/// Datagrams carry a marker and a sequence number, so a late answer to an earlier probe is never mistaken for the current
/// one, and a capture can recognise them inside any encapsulation it can read; the responder's answer says how many
/// bytes arrived, so whether a probe crossed whole is known at this end.
/// </summary>
public sealed class UdpProbeClient : IDisposable
{
    /// <summary>Starts every probe's payload: "PSPROBE" and a version byte.</summary>
    public static ReadOnlySpan<byte> Marker => "PSPROBE\u0001"u8;

    /// <summary>Marker and sequence number: the smallest probe, and the start of every answer.</summary>
    internal const int HeaderBytes = 12;
    internal const int IpUdpHeaders = 28;
    private readonly Socket _socket;
    private readonly IPEndPoint _server;
    private readonly byte[] _receive = new byte[64];
    private uint _sequence;

    private UdpProbeClient(Socket socket, IPEndPoint server)
    {
        _socket = socket;
        _server = server;
    }

    /// <summary>Binds <paramref name="client"/>'s address in its namespace, to probe the responder at <paramref name="server"/>.</summary>
    public static UdpProbeClient Open(LabEndpoint client, IPEndPoint server)
    {
        var socket = NetworkNamespace.Run(client.Namespace, () =>
        {
            var s = UdpProbeResponder.Bind(client.Address);
            try
            {
                PacketIo.SetDontFragment(s);
                return s;
            }
            catch
            {
                s.Dispose();
                throw;
            }
        });
        return new UdpProbeClient(socket, server);
    }

    /// <summary>Client → server → client; true when the answer came back within <paramref name="timeout"/>.</summary>
    public bool RoundTrip(TimeSpan timeout) => Send(IpUdpHeaders + HeaderBytes) is { } sequence && Await(sequence, timeout) is not null;

    /// <summary>Sends one don't-fragment datagram of <paramref name="ipPacketSize"/> bytes (IPv4 + UDP headers included)
    /// and says whether the server received it whole, by its answer within <paramref name="timeout"/>. EMSGSIZE (larger
    /// than the path MTU the client's kernel knows) counts as not arriving.</summary>
    public bool Arrives(int ipPacketSize, TimeSpan timeout) =>
        Send(ipPacketSize) is { } sequence && Await(sequence, timeout) == ipPacketSize - IpUdpHeaders;

    /// <summary>Sends <paramref name="count"/> small probes without waiting (for a capture to catch).</summary>
    public void Burst(int count)
    {
        for (var i = 0; i < count; i++)
            Send(IpUdpHeaders + HeaderBytes);
    }

    public void Dispose() => _socket.Dispose();

    private uint? Send(int ipPacketSize)
    {
        var sequence = ++_sequence;
        var payload = new byte[Math.Max(ipPacketSize - IpUdpHeaders, HeaderBytes)];
        Marker.CopyTo(payload);
        BinaryPrimitives.WriteUInt32BigEndian(payload.AsSpan(Marker.Length), sequence);
        try
        {
            _socket.SendTo(payload, _server);
            return sequence;
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.MessageSize)
        {
            return null;
        }
    }

    /// <summary>The payload length the responder received for probe <paramref name="sequence"/>, or null when its answer
    /// did not come within <paramref name="timeout"/>.</summary>
    private int? Await(uint sequence, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !_socket.Poll(left, SelectMode.SelectRead))
                return null;
            EndPoint from = new IPEndPoint(IPAddress.Any, 0);
            int length;
            try
            {
                length = _socket.ReceiveFrom(_receive, ref from);
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionReset or SocketError.MessageSize)
            {
                // An ICMP error for an earlier probe (port unreachable, fragmentation needed): not this probe's answer.
                continue;
            }
            if (UdpProbeResponder.TryReadAnswer(_receive.AsSpan(0, length), out var answered, out var received) && answered == sequence)
                return received;
        }
    }
}
