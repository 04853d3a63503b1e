using Microsoft.Win32.SafeHandles;

namespace PerfSuite.Kernel;

/// <summary>A file whose contents decide what PerfSuite writes as root (a tune journal's undo values): read only
/// when it is a regular file, not a symbolic link, owned by root (or the caller) and writable by its owner alone.
/// Refusals are one-line <see cref="Model.Errors.PerfSuiteException"/>s with reason InvalidArgument.</summary>
public static class OwnedFile
{
    /// <summary>The bytes of <paramref name="path"/>, at most <paramref name="maxBytes"/>; <paramref name="what"/>
    /// names it in messages ("tune journal").</summary>
    public static byte[] ReadAllBytes(string path, string what, long maxBytes)
    {
        using var fd = Interop.OpenOwnedFile(path, what);
        using var handle = new SafeFileHandle(fd.DangerousGetHandle(), ownsHandle: false);
        using var stream = new FileStream(handle, FileAccess.Read, bufferSize: 0);
        var buffer = new MemoryStream();
        var chunk = new byte[64 * 1024];
        int read;
        while ((read = stream.Read(chunk)) > 0)
        {
            if (buffer.Length + read > maxBytes)
                throw new Model.Errors.PerfSuiteException(Model.Errors.ErrorReason.InvalidArgument,
                    $"{what} {path} is more than the {maxBytes >> 20} MiB it may be");
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
