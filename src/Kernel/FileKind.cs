namespace PerfSuite.Kernel;

/// <summary>What kind of file a path is, without following a link: so a command deletes or opens only what it
/// expects (a Unix socket left by a dead agent, not a regular file someone named by mistake).</summary>
public static class FileKind
{
    public static bool IsSocket(string path) => Interop.FileType(path) == (int)Tmds.Linux.LibC.S_IFSOCK;

    public static bool Exists(string path) => Interop.FileType(path) is not null;

    /// <summary>True when <paramref name="open"/> is the file <paramref name="path"/> names now (same device and inode),
    /// false when that name was removed or given to another file since it was opened.</summary>
    public static bool IsSameFile(Microsoft.Win32.SafeHandles.SafeFileHandle open, string path) =>
        Interop.FileIdentity(path) is { } named && named == Interop.FileIdentity((int)open.DangerousGetHandle());
}
