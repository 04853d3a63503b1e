using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using PerfSuite.Model.Errors;

namespace PerfSuite.Model.Json;

/// <summary>
/// The file under a journal (a run's results journal, a tune journal): JSON lines, appended only. Each value is one
/// line written with one write call and forced to disk (fsync) before <see cref="Append{T}"/> returns, so only the
/// last line can be torn by a crash. Not thread-safe: the journal that owns it serialises its calls.
/// </summary>
public sealed class JsonLinesJournalFile : IDisposable
{
    private static readonly JsonWriterOptions LineOptions = new() { Indented = false };

    private readonly FileStream _stream;
    private readonly string _what;
    private readonly ArrayBufferWriter<byte> _buffer = new(8192);

    private JsonLinesJournalFile(string path, string what, FileStream stream)
    {
        Path = path;
        _what = what;
        _stream = stream;
    }

    public string Path { get; }

    /// <summary>Creates the file and its folder. An existing file is refused (<see cref="ErrorReason.Busy"/>, with
    /// <paramref name="existsMessage"/>): it holds what an earlier run left to recover or undo.
    /// <paramref name="what"/> names the journal in messages ("tune journal").</summary>
    public static JsonLinesJournalFile CreateNew(string path, string what, string existsMessage)
    {
        try
        {
            var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
            if (directory is not null)
                Directory.CreateDirectory(directory);
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.Read };
            // Never writable by group or others, whatever the umask: rollback refuses a journal others could edit.
            if (!OperatingSystem.IsWindows())
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
            return new JsonLinesJournalFile(path, what, new FileStream(path, options));
        }
        catch (IOException) when (File.Exists(path))
        {
            throw new PerfSuiteException(ErrorReason.Busy, existsMessage);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Failure(e, $"cannot create {what} {path}");
        }
    }

    /// <summary>Opens an existing journal to append to, cutting off a torn last line first (see
    /// <see cref="DropTornLine"/>).</summary>
    public static JsonLinesJournalFile OpenToAppend(string path, string what)
    {
        FileStream? stream = null;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.Read);
            stream.Seek(0, SeekOrigin.End);
            var file = new JsonLinesJournalFile(path, what, stream);
            file.DropTornLine();
            return file;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stream?.Dispose();
            throw Failure(e, $"cannot append to {what} {path}");
        }
    }

    /// <summary>Appends <paramref name="value"/> as one line and returns once it is on disk.</summary>
    public void Append<T>(T value, JsonTypeInfo<T> typeInfo)
    {
        _buffer.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(_buffer, LineOptions))
            JsonSerializer.Serialize(writer, value, typeInfo);
        _buffer.Write("\n"u8);
        try
        {
            _stream.Write(_buffer.WrittenSpan);
            _stream.Flush(flushToDisk: true);
        }
        catch (IOException e)
        {
            throw new PerfSuiteException(ErrorReason.Io, $"cannot append to {_what} {Path}: {e.Message}", e);
        }
    }

    public void Dispose() => _stream.Dispose();

    /// <summary>A crash can leave a last line without its '\n'. It never completed, so what it recorded never
    /// happened (a journal's writer acts only after the fsync); it is cut off so the lines appended now do not follow
    /// a fragment, which would read as a corrupt line in the middle of the journal.</summary>
    private void DropTornLine()
    {
        if (_stream.Length == 0)
            return;
        using var reader = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var bytes = new byte[reader.Length];
        reader.ReadExactly(bytes);
        if (bytes[^1] == (byte)'\n')
            return;
        var end = Array.LastIndexOf(bytes, (byte)'\n') + 1;
        _stream.SetLength(end);
        _stream.Seek(0, SeekOrigin.End);
        _stream.Flush(flushToDisk: true);
    }

    private static PerfSuiteException Failure(Exception e, string what) =>
        new(e is UnauthorizedAccessException ? ErrorReason.PermissionDenied : ErrorReason.Io, $"{what}: {e.Message}", e);
}
