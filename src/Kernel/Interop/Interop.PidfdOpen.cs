using System.Runtime.InteropServices;

namespace PerfSuite.Kernel;

internal static partial class Interop
{
    /// <summary>pidfd_open(2)'s number; new system calls (from 424 on) share one number on every architecture.</summary>
    private const long SYS_pidfd_open = 434;

    [LibraryImport("libc", EntryPoint = "syscall", SetLastError = true)]
    private static partial long PidfdOpenSyscall(long number, int pid, uint flags);

    /// <summary>pidfd_open(2): a descriptor that becomes readable when process <paramref name="pid"/> ends. Null when
    /// there is no such process (ESRCH); an <see cref="ErrnoException"/> with ENOSYS on kernels before 5.3.</summary>
    internal static FileDescriptorHandle? OpenPidfd(int pid)
    {
        var fd = PidfdOpenSyscall(SYS_pidfd_open, pid, 0);
        if (fd >= 0)
            return FileDescriptorHandle.Own((int)fd);
        var errno = Marshal.GetLastPInvokeError();
        if (errno == LinuxErrno.ESRCH)
            return null;
        throw SystemCallFailure(errno, $"pidfd_open of process {pid}", "CAP_SYS_PTRACE");
    }
}
