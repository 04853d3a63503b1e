using System.Buffers;
using System.Text.Json;
using PerfSuite.Model.Errors;
using PerfSuite.Model.Json;
using PerfSuite.Model.Probe;
using PerfSuite.Tune.Changes;

namespace PerfSuite.Tune.Journal;

/// <summary>
/// The append-only journal of one <c>tune --apply</c>: each record is one JSON line written with one write call
/// and forced to disk (fsync) before the call returns, so an intent is durable before its change is made. Only
/// the last line can be torn by a crash, and <see cref="TuneJournalReader"/> drops it. <c>tune rollback</c>
/// appends its own records to the same file.
/// </summary>
public sealed class TuneJournal : IDisposable
{
    private static readonly JsonWriterOptions LineOptions = new() { Indented = false };

    private readonly FileStream _stream;
    private readonly ArrayBufferWriter<byte> _buffer = new(8192);
    private readonly Lock _gate = new();
    private int _lastSequence;

    private TuneJournal(string path, FileStream stream, int lastSequence)
    {
        Path = path;
        _stream = stream;
        _lastSequence = lastSequence;
    }

    public string Path { get; }

    /// <summary>Creates a new journal and writes its header to disk. Refuses an existing file: it may hold the
    /// undo of an earlier run.</summary>
    public static TuneJournal Create(string path, string? netns, string hostname, string kernel,
        IReadOnlyList<string> commandLine, ProbeDocument probeBefore, DateTimeOffset createdUtc)
    {
        FileStream stream;
        try
        {
            var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
            if (directory is not null)
                Directory.CreateDirectory(directory);
            stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read);
        }
        catch (IOException) when (File.Exists(path))
        {
            throw new PerfSuiteException(ErrorReason.Busy,
                $"tune journal {path} already exists; it may hold the undo of an earlier run (roll it back or choose another --journal)");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PerfSuiteException(e is UnauthorizedAccessException ? ErrorReason.PermissionDenied : ErrorReason.Io,
                $"cannot create tune journal {path}: {e.Message}", e);
        }
        var journal = new TuneJournal(path, stream, 0);
        try
        {
            journal.Write(new JournalHeader(Schemas.TuneJournal, createdUtc, hostname, kernel, netns, commandLine, probeBefore));
        }
        catch
        {
            journal.Dispose();
            throw;
        }
        return journal;
    }

    /// <summary>Opens an existing journal to append to (rollback records, or a later verify decision).</summary>
    public static TuneJournal Append(string path, int lastSequence)
    {
        try
        {
            var stream = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.Read);
            stream.Seek(0, SeekOrigin.End);
            var journal = new TuneJournal(path, stream, lastSequence);
            journal.DropTornLine();
            return journal;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PerfSuiteException(e is UnauthorizedAccessException ? ErrorReason.PermissionDenied : ErrorReason.Io,
                $"cannot append to tune journal {path}: {e.Message}", e);
        }
    }

    /// <summary>Records a change before it is made, and returns its sequence number once the record is on disk.</summary>
    public int Intend(string findingId, TuneSetting setting, TuneSetting previous)
    {
        lock (_gate)
        {
            var sequence = ++_lastSequence;
            Write(new JournalIntent(sequence, findingId, setting, previous, previous.Describe()));
            return sequence;
        }
    }

    public void Record(JournalOutcome outcome)
    {
        lock (_gate)
            Write(outcome);
    }

    public void Record(JournalRollback rollback)
    {
        lock (_gate)
            Write(rollback);
    }

    public void Dispose()
    {
        lock (_gate)
            _stream.Dispose();
    }

    /// <summary>A crash can leave a last record without its '\n'. It never completed, so its change was never
    /// made (a change follows its intent's fsync); it is cut off so the records appended now do not follow a
    /// fragment, which would read as a corrupt line in the middle of the journal.</summary>
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

    private void Write(TuneJournalRecord record)
    {
        _buffer.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(_buffer, LineOptions))
            JsonSerializer.Serialize(writer, record, TuneJsonContext.Default.TuneJournalRecord);
        _buffer.Write("\n"u8);
        try
        {
            _stream.Write(_buffer.WrittenSpan);
            _stream.Flush(flushToDisk: true);
        }
        catch (IOException e)
        {
            throw new PerfSuiteException(ErrorReason.Io, $"cannot write to tune journal {Path}: {e.Message}", e);
        }
    }
}
