using System.Text;
using PerfSuite.Model.Errors;
using Tmds.Linux;
using static Tmds.Linux.LibC;

namespace PerfSuite.Kernel;

internal static partial class Interop
{
    /// <summary>Opens <paramref name="path"/> for reading without following a symbolic link (O_NOFOLLOW) and checks the
    /// opened file itself (statx on the descriptor, so nothing can be swapped in between): a regular file, owned by
    /// root or by the caller, writable by its owner only. Its directory is held the same way first (not a symbolic
    /// link, owned by root or the caller, writable by its owner only) and the file is opened inside that very
    /// directory (openat), so no one else can put another file in its place. Anything else is refused with one line
    /// naming why.</summary>
    internal static unsafe FileDescriptorHandle OpenOwnedFile(string path, string what)
    {
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full) ?? "/";
        using var parent = OpenOwnedDirectory(directory, $"the directory of {what} {path},");
        var bytes = Encoding.UTF8.GetBytes(Path.GetFileName(full) + "\0");
        int fd;
        fixed (byte* name = bytes)
            fd = LibC.openat(parent.DangerousGetHandle().ToInt32(), name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK, 0);
        if (fd < 0)
        {
            var errno = LastErrno;
            throw errno switch
            {
                LinuxErrno.ELOOP => OwnedFileRefused($"{what} {path} is a symbolic link; give the file itself"),
                LinuxErrno.ENOENT => new PerfSuiteException(ErrorReason.NotFound, $"no {what} {path}"),
                _ => SystemCallFailure(errno, $"opening {what} {path}", "read access"),
            };
        }
        return Owned(fd, $"{what} {path}", regularFile: true, "anyone who can write it decides what is written back",
            "anyone who can write it decides what is written back; chmod go-w it after checking its contents");
    }

    private static PerfSuiteException OwnedFileRefused(string message) => new(ErrorReason.InvalidArgument, message);

    /// <summary>The directory <paramref name="path"/>, held open: refused when it is a symbolic link, not owned by root
    /// or the caller, or writable by its group or others (who could then replace what is in it).</summary>
    private static unsafe FileDescriptorHandle OpenOwnedDirectory(string path, string what)
    {
        var bytes = Encoding.UTF8.GetBytes(path + "\0");
        int fd;
        fixed (byte* name = bytes)
            fd = LibC.open(name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC, 0);
        if (fd < 0)
        {
            var errno = LastErrno;
            throw errno switch
            {
                LinuxErrno.ELOOP or LinuxErrno.ENOTDIR => OwnedFileRefused($"{what} {path}, is a symbolic link or not a directory; give the real directory"),
                LinuxErrno.ENOENT => new PerfSuiteException(ErrorReason.NotFound, $"{what} {path}, does not exist"),
                _ => SystemCallFailure(errno, $"opening {what} {path}", "read access"),
            };
        }
        return Owned(fd, $"{what} {path},", regularFile: false, "its owner can put another file in its place",
            "anyone can put another file in its place; keep journals in a directory only root writes");
    }

    /// <summary>Takes <paramref name="fd"/> and checks what it is open on (statx on the descriptor itself): a regular
    /// file when <paramref name="regularFile"/>, owned by root or the caller, writable by its owner only. The refusals
    /// say what the check protects against (<paramref name="ownerRisk"/>, <paramref name="writableAdvice"/>).</summary>
    private static unsafe FileDescriptorHandle Owned(int fd, string named, bool regularFile, string ownerRisk, string writableAdvice)
    {
        var handle = FileDescriptorHandle.Own(fd);
        try
        {
            statx buffer;
            var empty = (byte)0;
            if (LibC.statx(fd, &empty, AT_EMPTY_PATH, STATX_TYPE | STATX_MODE | STATX_UID, &buffer) != 0)
                throw SystemCallFailure(LastErrno, $"reading the owner of {named.TrimEnd(',')}", "read access");
            if (regularFile && (buffer.stx_mode & (ushort)(int)S_IFMT) != (ushort)(int)S_IFREG)
                throw OwnedFileRefused($"{named} is not a regular file");
            var uid = buffer.stx_uid;
            var caller = (uint)geteuid();
            if (uid != 0 && uid != caller)
                throw OwnedFileRefused($"{named} belongs to uid {uid}, not to root{(caller == 0 ? "" : $" or uid {caller}")}: {ownerRisk}");
            if ((buffer.stx_mode & 0x12) != 0) // S_IWGRP | S_IWOTH
                throw OwnedFileRefused($"{named} is writable by its group or by everyone (mode {Convert.ToString(buffer.stx_mode & 0xfff, 8)}): {writableAdvice}");
            return handle;
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }
}
