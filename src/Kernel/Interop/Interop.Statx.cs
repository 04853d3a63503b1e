using System.Text;
using Tmds.Linux;
using static Tmds.Linux.LibC;

namespace PerfSuite.Kernel;

internal static partial class Interop
{
    /// <summary>The file type bits (S_IFMT of st_mode) of <paramref name="path"/> itself, not of a link's target
    /// (statx with AT_SYMLINK_NOFOLLOW), or null when it does not exist.</summary>
    internal static unsafe int? FileType(string path)
    {
        var bytes = Encoding.UTF8.GetBytes(path + "\0");
        statx buffer;
        fixed (byte* name = bytes)
        {
            if (LibC.statx(AT_FDCWD, name, AT_SYMLINK_NOFOLLOW, STATX_TYPE, &buffer) != 0)
            {
                var errno = LastErrno;
                return errno is LinuxErrno.ENOENT ? null : throw SystemCallFailure(errno, $"reading the type of {path}", "read access");
            }
        }
        return (int)(buffer.stx_mode & (ushort)(int)S_IFMT);
    }

    /// <summary>statx's STATX_INO and AT_EMPTY_PATH (include/uapi/linux/stat.h, fcntl.h).</summary>
    private const uint StatxIno = 0x100;
    private const int AtEmptyPath = 0x1000;

    /// <summary>Device and inode of <paramref name="path"/> itself (not a link's target), or null when it does not exist.</summary>
    internal static unsafe (ulong Device, ulong Inode)? FileIdentity(string path)
    {
        var bytes = Encoding.UTF8.GetBytes(path + "\0");
        statx buffer;
        fixed (byte* name = bytes)
        {
            if (LibC.statx(AT_FDCWD, name, AT_SYMLINK_NOFOLLOW, StatxIno, &buffer) != 0)
            {
                var errno = LastErrno;
                return errno is LinuxErrno.ENOENT ? null : throw SystemCallFailure(errno, $"reading the identity of {path}", "read access");
            }
        }
        return (((ulong)buffer.stx_dev_major << 32) | buffer.stx_dev_minor, buffer.stx_ino);
    }

    /// <summary>Device and inode of the open file <paramref name="fd"/> (statx with AT_EMPTY_PATH).</summary>
    internal static unsafe (ulong Device, ulong Inode) FileIdentity(int fd)
    {
        byte empty = 0;
        statx buffer;
        if (LibC.statx(fd, &empty, AtEmptyPath, StatxIno, &buffer) != 0)
            throw SystemCallFailure(LastErrno, $"reading the identity of file descriptor {fd}", "read access");
        return (((ulong)buffer.stx_dev_major << 32) | buffer.stx_dev_minor, buffer.stx_ino);
    }
}
