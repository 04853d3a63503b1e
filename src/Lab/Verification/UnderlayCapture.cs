using PerfSuite.Kernel;
using PerfSuite.Kernel.Namespaces;
using PerfSuite.Kernel.Sockets;

namespace PerfSuite.Lab.Verification;

/// <summary>
/// An AF_PACKET capture on one interface of a lab namespace, or of a fleet host (its NIC under test, whose macvlans'
/// frames it sees as they leave): every frame in and out (outgoing ones as the interface hands them to the wire, after
/// encapsulation). Opened before the probes are sent so none is missed.
/// </summary>
public sealed class UnderlayCapture : IDisposable
{
    private readonly FileDescriptorHandle _socket;
    private readonly string _what;
    private readonly byte[] _buffer = new byte[65536 + 64];

    private UnderlayCapture(FileDescriptorHandle socket, string what)
    {
        _socket = socket;
        _what = what;
    }

    /// <param name="netns">The interface's namespace; null for this process's own.</param>
    public static UnderlayCapture Open(string? netns, string device, int ifindex)
    {
        var what = $"capturing on '{device}' in network namespace '{netns ?? NetworkNamespace.HostName}'";
        return NetworkNamespace.Run(netns, () => new UnderlayCapture(PacketIo.OpenPacketSocket(ifindex, what), what));
    }

    /// <summary>Reads frames until <paramref name="done"/> says enough or <paramref name="window"/> has passed.</summary>
    public void Read(TimeSpan window, Func<ReadOnlySpan<byte>, bool> done)
    {
        var deadline = DateTime.UtcNow + window;
        while (true)
        {
            var left = (int)Math.Ceiling((deadline - DateTime.UtcNow).TotalMilliseconds);
            if (left <= 0 || !PacketIo.WaitReadable(_socket, left, _what))
                return;
            int length;
            while ((length = PacketIo.Receive(_socket, _buffer, _what)) > 0)
            {
                if (done(_buffer.AsSpan(0, length)))
                    return;
            }
        }
    }

    public void Dispose() => _socket.Dispose();
}
