using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using PerfSuite.Kernel.Namespaces;

namespace PerfSuite.Lab.Tests.Support;

/// <summary>
/// UDP from one namespace to an address in another, for reachability and don't-fragment path MTU probes: a probe
/// counts as delivered only when the receiver got it, so the path MTU is observed, not read from a setting.
/// </summary>
internal sealed class DatagramPath : IDisposable
{
    private const int IpUdpHeaders = 28;
    private readonly Socket _sender;
    private readonly Socket _receiver;
    private readonly IPEndPoint _destination;
    private readonly byte[] _receiveBuffer = new byte[65536];
    private uint _sequence;

    public DatagramPath(string sourceNetns, string destinationNetns, IPAddress destination, int port = 47000)
    {
        _destination = new IPEndPoint(destination, port);
        _receiver = NetworkNamespace.Run(destinationNetns, () =>
        {
            var s = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            s.Bind(_destination);
            return s;
        });
        _sender = NetworkNamespace.Run(sourceNetns, () => new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp));
    }

    /// <summary>The payload of the last datagram that arrived.</summary>
    public byte[] LastPayload { get; private set; } = [];

    /// <summary>Sends one datagram making an IP packet of <paramref name="ipLength"/> bytes and reports whether it
    /// arrived. With <paramref name="dontFragment"/> a packet larger than the known path MTU fails at once (EMSGSIZE).</summary>
    public bool TryDeliver(int ipLength, bool dontFragment = true, int timeoutMilliseconds = 700)
    {
        _sender.DontFragment = dontFragment;
        var payload = new byte[ipLength - IpUdpHeaders];
        var sequence = ++_sequence;
        BinaryPrimitives.WriteUInt32BigEndian(payload, sequence);
        for (var i = 4; i < payload.Length; i++)
            payload[i] = (byte)(i * 7);
        try
        {
            _sender.SendTo(payload, _destination);
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.MessageSize)
        {
            return false;
        }
        var deadline = Environment.TickCount64 + timeoutMilliseconds;
        while (true)
        {
            var left = deadline - Environment.TickCount64;
            if (left <= 0 || !_receiver.Poll(TimeSpan.FromMilliseconds(left), SelectMode.SelectRead))
                return false;
            var n = _receiver.Receive(_receiveBuffer);
            if (n >= 4 && BinaryPrimitives.ReadUInt32BigEndian(_receiveBuffer) == sequence)
            {
                LastPayload = _receiveBuffer.AsSpan(0, n).ToArray();
                return LastPayload.AsSpan().SequenceEqual(payload);
            }
        }
    }

    /// <summary>The largest IP packet in [<paramref name="low"/>, <paramref name="high"/>] that crosses with DF set,
    /// by bisection; each failure is tried twice so one lost datagram cannot lower the answer.</summary>
    public int LargestDelivered(int low, int high)
    {
        if (!TryDeliver(low) && !TryDeliver(low))
            return 0;
        while (low < high)
        {
            var middle = (low + high + 1) / 2;
            if (TryDeliver(middle) || TryDeliver(middle))
                low = middle;
            else
                high = middle - 1;
        }
        return low;
    }

    public void Dispose()
    {
        _sender.Dispose();
        _receiver.Dispose();
    }
}
