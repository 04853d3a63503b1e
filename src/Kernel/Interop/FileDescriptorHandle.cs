using System.Runtime.InteropServices;
using Tmds.Linux;

namespace PerfSuite.Kernel;

/// <summary>A file descriptor owned by .NET: closed exactly once, even when its owner is never disposed.</summary>
public sealed class FileDescriptorHandle : SafeHandle
{
#pragma warning disable CA1419 // private on purpose: only Own() makes one; no P/Invoke marshals this type
    private FileDescriptorHandle() : base(new IntPtr(-1), ownsHandle: true)
    {
    }
#pragma warning restore CA1419

    public override bool IsInvalid => handle.ToInt64() < 0;

    /// <summary>Takes ownership of <paramref name="fd"/>; a negative value yields an invalid handle.</summary>
    internal static FileDescriptorHandle Own(int fd)
    {
        var handle = new FileDescriptorHandle();
        handle.SetHandle(new IntPtr(fd));
        return handle;
    }

    internal int Fd => (int)handle.ToInt64();

    protected override bool ReleaseHandle() => LibC.close((int)handle.ToInt64()) == 0;
}
