using System.Text;
using PerfSuite.Model.Errors;
using PerfSuite.Model.Results;
using PerfSuite.Report.Analysis;
using PerfSuite.Report.Figures;
using PerfSuite.Report.Pages;

namespace PerfSuite.Report.Writing;

/// <summary>Writes the report of a results document into a folder: <c>index.html</c> (one self-contained file,
/// figures inline as SVG), <c>report.md</c> (figures as PNG beside it) and <c>figures/*.png</c> + <c>*.svg</c>.
/// <c>perfsuite report</c> calls it on a results file, <c>perfsuite run --report</c> straight after a run.</summary>
public static class ReportWriter
{
    public const string HtmlFileName = "index.html";
    public const string MarkdownFileName = "report.md";
    public const string FiguresFolder = "figures";

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

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
        if (File.Exists(directory))
            throw new PerfSuiteException(ErrorReason.InvalidArgument, $"report folder {directory} is a file");
        if (Directory.Exists(directory) && Directory.EnumerateFileSystemEntries(directory).Any() && !force)
            throw new PerfSuiteException(ErrorReason.InvalidArgument, $"report folder {directory} already exists; pass --force to overwrite it");

        // Everything is rendered before anything is written: a failure leaves an existing report as it was.
        var analysis = ReportAnalyzer.Analyze(document);
        var figures = ReportFigures.Build(analysis);
        var page = ReportPageBuilder.Build(analysis, figures, resultsName);
        var html = new StringWriter { NewLine = "\n" };
        new HtmlPageWriter(html).Write(page);
        var markdown = new StringWriter { NewLine = "\n" };
        new MarkdownPageWriter(markdown, f => $"{FiguresFolder}/{f.Name}.png").Write(page);

        var figureDirectory = Path.Combine(directory, FiguresFolder);
        var figurePaths = new List<string>();
        try
        {
            Directory.CreateDirectory(figureDirectory);
            if (force)
                RemovePreviousFigures(figureDirectory);
            foreach (var figure in figures.All)
            {
                var png = Path.Combine(figureDirectory, figure.Name + ".png");
                var svg = Path.Combine(figureDirectory, figure.Name + ".svg");
                File.WriteAllBytes(png, figure.Png);
                File.WriteAllText(svg, figure.Svg, Utf8);
                figurePaths.Add(png);
                figurePaths.Add(svg);
            }
            var htmlPath = Path.Combine(directory, HtmlFileName);
            var markdownPath = Path.Combine(directory, MarkdownFileName);
            File.WriteAllText(htmlPath, html.ToString(), Utf8);
            File.WriteAllText(markdownPath, markdown.ToString(), Utf8);
            return new ReportOutput(directory, htmlPath, markdownPath, figurePaths, analysis);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PerfSuiteException(e is UnauthorizedAccessException ? ErrorReason.PermissionDenied : ErrorReason.Io,
                $"cannot write the report to {directory}: {e.Message}", e);
        }
    }

    /// <summary>Figures of an earlier report that this one does not have (another MTU, a profile no longer
    /// measured) would otherwise linger beside the new ones.</summary>
    private static void RemovePreviousFigures(string figureDirectory)
    {
        foreach (var file in Directory.EnumerateFiles(figureDirectory))
        {
            if (file.EndsWith(".png", StringComparison.OrdinalIgnoreCase) || file.EndsWith(".svg", StringComparison.OrdinalIgnoreCase))
                File.Delete(file);
        }
    }
}
