using PerfSuite.Model.Errors;
using PerfSuite.Model.Results;
using PerfSuite.Report.Analysis;
using PerfSuite.Report.Figures;
using PerfSuite.Report.Fleet;

namespace PerfSuite.Report.Writing;

/// <summary>Writes the report of a results document into a folder through <see cref="PageFolder"/>: <c>index.html</c>
/// (one self-contained file, figures inline as SVG), <c>report.md</c> (figures as PNG beside it) and
/// <c>figures/*.png</c> + <c>*.svg</c>.
/// <c>perfsuite report</c> calls it on a results file, <c>perfsuite run --report</c> straight after a run.</summary>
public static class ReportWriter
{
    public const string HtmlFileName = PageFolder.HtmlFileName;
    public const string MarkdownFileName = PageFolder.MarkdownFileName;
    public const string FiguresFolder = PageFolder.FiguresFolder;

    /// <summary>The folder a report of <paramref name="resultsPath"/> goes to when none is given:
    /// <c>reports/&lt;results file name without extension&gt;</c>, relative to the current directory.</summary>
    public static string DefaultDirectoryFor(string resultsPath) =>
        Path.Combine("reports", Path.GetFileNameWithoutExtension(Path.TrimEndingDirectorySeparator(resultsPath)));

    /// <summary>Renders every figure, then writes the pages and figures into <paramref name="directory"/>.</summary>
    /// <param name="document">The results.</param>
    /// <param name="directory">The report folder; created when missing.</param>
    /// <param name="force">Overwrite a folder that already holds files. Without it such a folder is refused, so a
    /// report is never replaced by accident. Only the files a report consists of are replaced or removed; anything
    /// else in the folder is left alone.</param>
    /// <param name="resultsName">How the page names the results file; null to leave it out.</param>
    /// <exception cref="PerfSuiteException">The folder exists and is not empty without <paramref name="force"/>,
    /// is a file, or cannot be written.</exception>
    public static ReportOutput Write(ResultsDocument document, string directory, bool force, string? resultsName = null)
    {
        PageFolder.CheckWritable(directory, force);
        // Everything is rendered before anything is written: a failure leaves an existing report as it was.
        var analysis = ReportAnalyzer.Analyze(document);
        var figures = ReportFigures.Build(analysis);
        var fleet = FleetSection.Build(document);
        var page = ReportPageBuilder.Build(analysis, figures, resultsName, fleet.Blocks);
        var written = PageFolder.Write(directory, force, page, figures.All.Concat(fleet.Figures).ToList());
        return new ReportOutput(written.Directory, written.HtmlPath, written.MarkdownPath, written.FigurePaths, analysis);
    }
}
