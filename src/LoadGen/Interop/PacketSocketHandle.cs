using System.Runtime.InteropServices;
using Tmds.Linux;

namespace PerfSuite.LoadGen;

/// <summary>An AF_PACKET socket owned by .NET: closed exactly once, even when its owner is never disposed.</summary>
internal sealed class PacketSocketHandle : SafeHandle
{
#pragma warning disable CA1419 // private on purpose: only Own() makes one; no P/Invoke marshals this type
    private PacketSocketHandle() : base(new IntPtr(-1), ownsHandle: true)
    {
    }
#pragma warning restore CA1419

    public override bool IsInvalid => handle.ToInt64() < 0;

    internal static PacketSocketHandle Own(int fd)
    {
        var socket = new PacketSocketHandle();
        socket.SetHandle(new IntPtr(fd));
        return socket;
    }

    internal int Fd => (int)handle.ToInt64();

    protected override bool ReleaseHandle() => LibC.close((int)handle.ToInt64()) == 0;
}
