using PerfSuite.Model.Errors;

namespace PerfSuite.Model.Json;

/// <summary>Reads a file a user named (results, journals, comparison inputs): only a regular file, only up to
/// <see cref="MaxBytes"/>. A FIFO would block the read forever and <c>/dev/zero</c> would be read until memory runs
/// out; both report the same size as an empty file (0), so a zero-size input is refused before it is opened.</summary>
public static class InputFile
{
    /// <summary>The largest input read: 256 MiB, far beyond any results file (a default run writes ~0.5 MB).</summary>
    public const long MaxBytes = 256L << 20;

    /// <summary>The bytes of <paramref name="path"/>; <paramref name="what"/> names it in messages ("results file"),
    /// or is empty for the bare path. Failures are <see cref="PerfSuiteException"/>s with reason InvalidArgument.</summary>
    public static byte[] ReadAllBytes(string path, string what)
    {
        if (path.Length == 0)
            throw Invalid(what.Length == 0 ? "an input file name is empty" : $"the {what} name is empty");
        var name = what.Length == 0 ? path : $"{what} {path}";
        try
        {
            var info = new FileInfo(path);
            if (Directory.Exists(path))
                throw Invalid($"{name} is a directory, not a file");
            if (!info.Exists)
                throw Invalid($"{name} does not exist");
            if (info.Length == 0)
                throw Invalid($"{name} is empty or not a regular file (a FIFO or a device)");
            if (info.Length > MaxBytes)
                throw Invalid($"{name} is {info.Length:N0} bytes, more than the {MaxBytes >> 20} MiB an input may be");
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            var bytes = new byte[info.Length];
            var read = stream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false);
            return read == bytes.Length ? bytes : bytes[..read];
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw Invalid($"{name} does not exist");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw Invalid($"cannot read {name}: {e.Message}");
        }
    }

    private static PerfSuiteException Invalid(string message) => new(ErrorReason.InvalidArgument, message);
}
