using System.Text;
using System.Text.Json;
using PerfSuite.Model.Errors;
using PerfSuite.Model.Fleet;
using PerfSuite.Model.Json;

namespace PerfSuite.Model.Results;

/// <summary>The crash-safe side of a run's results: every finished cell is appended as one JSON line to
/// <c>&lt;results&gt;.journal</c> and forced to disk before the run does anything else, so a crash, a kill or
/// Ctrl-C loses at most the cell in flight. <see cref="Finish"/> writes the results document atomically and
/// removes the journal; <see cref="Recover(string)"/> rebuilds a valid document from a journal a dead run left behind.</summary>
/// <remarks>Line 1 is a <see cref="ResultsJournalHeader"/>, every further line a <see cref="CellResult"/>. A
/// line is written with one write call ending in '\n', so only the last line can be torn; recovery drops it
/// when it does not parse.</remarks>
public sealed class ResultsJournal : IDisposable
{
    public const string Extension = ".journal";

    private readonly JsonLinesJournalFile _file;
    private readonly ResultsJournalHeader _header;
    private readonly List<CellResult> _cells = [];
    private readonly Lock _gate = new();
    private bool _finished;

    private ResultsJournal(string resultsPath, JsonLinesJournalFile file, ResultsJournalHeader header)
    {
        ResultsPath = resultsPath;
        _file = file;
        _header = header;
    }

    /// <summary>Where the final results document goes.</summary>
    public string ResultsPath { get; }

    /// <summary><see cref="ResultsPath"/> + <see cref="Extension"/>.</summary>
    public string JournalPath => _file.Path;

    /// <summary>The cells appended so far, in order.</summary>
    public IReadOnlyList<CellResult> Cells
    {
        get
        {
            lock (_gate)
                return _cells.ToArray();
        }
    }

    public static string JournalPathFor(string resultsPath) => resultsPath + Extension;

    /// <summary>Creates the journal beside <paramref name="resultsPath"/> and writes its header to disk. Refuses
    /// to overwrite a journal that is already there: it holds the cells of an interrupted run.</summary>
    public static ResultsJournal Start(string resultsPath, string runId, DateTimeOffset startedUtc,
        IReadOnlyList<string> commandLine, RunEnvironment environment)
    {
        var journalPath = JournalPathFor(resultsPath);
        var file = JsonLinesJournalFile.CreateNew(journalPath, "the results journal",
            $"{journalPath} holds the cells of an interrupted run; recover or remove it before writing {resultsPath} again");
        var header = new ResultsJournalHeader(Schemas.ResultsJournal, runId, startedUtc, commandLine, environment);
        var journal = new ResultsJournal(resultsPath, file, header);
        try
        {
            file.Append(header, ResultsJsonContext.Default.ResultsJournalHeader);
        }
        catch
        {
            journal.Dispose();
            throw;
        }
        return journal;
    }

    /// <summary>Appends a finished cell and returns only once it is on disk (fsync).</summary>
    public void Append(CellResult cell)
    {
        lock (_gate)
        {
            if (_finished)
                throw new InvalidOperationException("the run's results were already written; no cell can be added");
            _file.Append(cell, ResultsJsonContext.Default.CellResult);
            _cells.Add(cell);
        }
    }

    /// <summary>Writes the results document (cells and summary) atomically to <see cref="ResultsPath"/>, then
    /// deletes the journal, which is no longer needed.</summary>
    public ResultsDocument Finish(DateTimeOffset finishedUtc)
    {
        lock (_gate)
        {
            if (_finished)
                throw new InvalidOperationException("the run's results were already written");
            var document = Build(_header, _cells.ToArray(), finishedUtc);
            ResultsWriter.WriteAtomic(document, ResultsPath);
            _finished = true;
            _file.Dispose();
            File.Delete(JournalPath);
            return document;
        }
    }

    /// <summary>Rebuilds a results document from the journal of a run that did not finish: header and every
    /// complete cell, <see cref="ResultsDocument.FinishedUtc"/> null, summaries computed.</summary>
    public static ResultsDocument Recover(string journalPath) =>
        Recover(InputFile.ReadAllBytes(journalPath, "results journal"), journalPath);

    /// <summary><see cref="Recover(string)"/> of a journal's bytes; <paramref name="journalPath"/> names it in messages.</summary>
    public static ResultsDocument Recover(ReadOnlySpan<byte> utf8, string journalPath)
    {
        if (utf8.StartsWith("\uFEFF"u8))
            utf8 = utf8[3..];
        var text = Encoding.UTF8.GetString(utf8);
        var lines = text.Split('\n');
        // A complete line ends with '\n', so the last piece is either empty or a line whose write never finished.
        var lastIsTorn = lines[^1].Length > 0;
        if (lines.Length == 0 || lines[0].Trim().Length == 0)
            throw new PerfSuiteException(ErrorReason.InvalidArgument, $"results journal {journalPath} is empty");

        ResultsJournalHeader header;
        try
        {
            header = JsonSerializer.Deserialize(lines[0], StrictJson.Reading(ResultsJsonContext.Default.ResultsJournalHeader))
                ?? throw new JsonException("null header");
        }
        catch (JsonException e)
        {
            throw new PerfSuiteException(ErrorReason.InvalidArgument,
                $"{journalPath}: line 1 is not a results journal header ({ResultsReader.Describe(e)})");
        }
        if (header.Schema != Schemas.ResultsJournal)
            throw new PerfSuiteException(ErrorReason.InvalidArgument,
                $"{journalPath}: schema '{header.Schema}' is not {Schemas.ResultsJournal}");

        if (header.Environment is null || header.CommandLine is null || header.RunId is null)
            throw new PerfSuiteException(ErrorReason.InvalidArgument,
                $"{journalPath}: line 1 is not a results journal header (environment, commandLine or runId is null)");
        if (ResultsReader.NullInside(header.Environment) is { } where)
            throw new PerfSuiteException(ErrorReason.InvalidArgument, $"{journalPath}: line 1 is not a results journal header ({where})");

        var cells = new List<CellResult>();
        for (var i = 1; i < lines.Length; i++)
        {
            var line = lines[i];
            var isLast = i == lines.Length - 1;
            if (line.Trim().Length == 0)
                continue;
            try
            {
                var cell = JsonSerializer.Deserialize(line, StrictJson.Reading(ResultsJsonContext.Default.CellResult)) ?? throw new JsonException("null cell");
                if (cell.Path is null || cell.Test is null || cell.Offloads is null)
                    throw new JsonException("a cell lacks path, test or offloads");
                cells.Add(cell);
            }
            catch (JsonException) when (isLast && lastIsTorn)
            {
                // The run died while writing this cell: it was never complete, so it is not part of the results.
            }
            catch (JsonException e)
            {
                throw new PerfSuiteException(ErrorReason.InvalidArgument,
                    $"{journalPath}: line {i + 1} is not a cell ({ResultsReader.Describe(e)})");
            }
        }
        return Build(header, cells, finishedUtc: null);
    }

    public void Dispose()
    {
        lock (_gate)
            _file.Dispose();
    }

    private static ResultsDocument Build(ResultsJournalHeader header, IReadOnlyList<CellResult> cells, DateTimeOffset? finishedUtc) =>
        new(Schemas.Results, header.RunId, header.StartedUtc, finishedUtc, header.CommandLine, header.Environment, cells,
            ResultsSummarizer.Summarize(cells), FleetAnalyzer.Analyze(cells, header.Environment));
}
