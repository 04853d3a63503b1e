using System.Text.Json;
using PerfSuite.Model.Errors;

namespace PerfSuite.Model.Results;

/// <summary>Writes a results document so that readers see either the old file or the complete new one: the
/// JSON goes to a temporary file in the same directory, is flushed to disk, and is renamed over the target
/// (rename(2) is atomic within a file system).</summary>
public static class ResultsWriter
{
    public static void WriteAtomic(ResultsDocument document, string path)
    {
        var full = Path.GetFullPath(path);
        var temporary = $"{full}.tmp-{Environment.ProcessId}";
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                JsonSerializer.Serialize(stream, document, ResultsJsonContext.Default.ResultsDocument);
                stream.WriteByte((byte)'\n');
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporary);
            throw new PerfSuiteException(e is UnauthorizedAccessException ? ErrorReason.PermissionDenied : ErrorReason.Io,
                $"cannot write results to {path}: {e.Message}", e);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The temporary file is left behind; the error about the results file matters more.
        }
    }
}
