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
}
