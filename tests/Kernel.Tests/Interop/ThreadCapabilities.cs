using System.Runtime.InteropServices;

namespace PerfSuite.Kernel.Tests.Interop;

/// <summary>Drops a capability from the calling thread only. Linux credentials are per thread and the raw
/// capset(2) changes just the caller's, so a test can play an unprivileged user on a dedicated thread while the
/// rest of the process stays root. The thread must end afterwards; never use it on a pool thread.</summary>
internal static partial class ThreadCapabilities
{
    public const int CAP_NET_ADMIN = 12;
    private const uint _LINUX_CAPABILITY_VERSION_3 = 0x20080522;

    [StructLayout(LayoutKind.Sequential)]
    private struct cap_user_header
    {
        public uint version;
        public int pid;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct cap_user_data
    {
        public uint effective;
        public uint permitted;
        public uint inheritable;
    }

    [LibraryImport("libc", SetLastError = true)]
    private static unsafe partial int capget(cap_user_header* header, cap_user_data* data);

    [LibraryImport("libc", SetLastError = true)]
    private static unsafe partial int capset(cap_user_header* header, cap_user_data* data);

    /// <summary>Removes <paramref name="capability"/> from the calling thread's effective set.</summary>
    public static unsafe void DropEffective(int capability)
    {
        var header = new cap_user_header { version = _LINUX_CAPABILITY_VERSION_3, pid = 0 };
        var data = stackalloc cap_user_data[2];
        if (capget(&header, data) != 0)
            throw new InvalidOperationException($"capget failed: errno {Marshal.GetLastPInvokeError()}");
        data[capability / 32].effective &= ~(1u << (capability % 32));
        if (capset(&header, data) != 0)
            throw new InvalidOperationException($"capset failed: errno {Marshal.GetLastPInvokeError()}");
    }

    /// <summary>Runs <paramref name="body"/> on a fresh thread without <paramref name="capability"/>.</summary>
    public static T RunWithout<T>(int capability, Func<T> body)
    {
        T result = default!;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                DropEffective(capability);
                result = body();
            }
            catch (Exception e)
            {
                failure = e;
            }
        });
        thread.Start();
        thread.Join();
        if (failure is not null)
            throw failure;
        return result;
    }
}
