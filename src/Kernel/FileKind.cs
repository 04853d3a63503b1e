namespace PerfSuite.Kernel;

/// <summary>What kind of file a path is, without following a link: so a command deletes or opens only what it
/// expects (a Unix socket left by a dead agent, not a regular file someone named by mistake).</summary>
public static class FileKind
{
    public static bool IsSocket(string path) => Interop.FileType(path) == (int)Tmds.Linux.LibC.S_IFSOCK;

    public static bool Exists(string path) => Interop.FileType(path) is not null;
}
