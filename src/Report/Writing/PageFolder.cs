using System.Text;
using PerfSuite.Model.Errors;
using PerfSuite.Report.Figures;
using PerfSuite.Report.Pages;

namespace PerfSuite.Report.Writing;

/// <summary>Writes a <see cref="Page"/> and its figures into a folder the way every PerfSuite page is laid out:
/// <c>index.html</c> (one self-contained file, figures inline as SVG), <c>report.md</c> (figures as PNG beside
/// it) and <c>figures/*.png</c> + <c>*.svg</c>. <c>perfsuite report</c> and <c>perfsuite compare --out</c> both
/// write through it.</summary>
public static class PageFolder
{
    public const string HtmlFileName = "index.html";
    public const string MarkdownFileName = "report.md";
    public const string FiguresFolder = "figures";

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Refuses a folder that is a file, or that already holds files without <paramref name="force"/>, so
    /// a page is never replaced by accident. Call it before the expensive work of building the page.</summary>
    public static void CheckWritable(string directory, bool force)
    {
        if (File.Exists(directory))
            throw new PerfSuiteException(ErrorReason.InvalidArgument, $"report folder {directory} is a file");
        if (Directory.Exists(directory) && Directory.EnumerateFileSystemEntries(directory).Any() && !force)
            throw new PerfSuiteException(ErrorReason.InvalidArgument, $"report folder {directory} already exists; pass --force to overwrite it");
    }

    /// <summary>Writes the page as HTML and Markdown and every figure as PNG and SVG. With <paramref name="force"/>
    /// only the files a page consists of are replaced or removed; anything else in the folder is left alone.</summary>
    public static PageFolderOutput Write(string directory, bool force, Page page, IReadOnlyList<Figure> figures)
    {
        CheckWritable(directory, force);
        // Both pages are rendered before anything is written: a failure leaves an existing page as it was.
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
            foreach (var figure in figures)
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
            return new PageFolderOutput(directory, htmlPath, markdownPath, figurePaths);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PerfSuiteException(e is UnauthorizedAccessException ? ErrorReason.PermissionDenied : ErrorReason.Io,
                $"cannot write the report to {directory}: {e.Message}", e);
        }
    }

    /// <summary>Figures of an earlier page that this one does not have (another MTU, a profile no longer
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
