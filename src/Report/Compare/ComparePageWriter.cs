using PerfSuite.Report.Writing;

namespace PerfSuite.Report.Compare;

/// <summary>Writes a comparison as a report folder (<c>perfsuite compare --out</c>): <c>index.html</c>,
/// <c>report.md</c> and <c>figures/</c>, laid out and written by the same building blocks as
/// <c>perfsuite report</c>.</summary>
public static class ComparePageWriter
{
    /// <summary>Renders the figures and the page, then writes them into <paramref name="directory"/>; a folder
    /// that already holds files is refused without <paramref name="force"/>.</summary>
    public static PageFolderOutput Write(CompareReport report, string directory, bool force)
    {
        PageFolder.CheckWritable(directory, force);
        var figures = MeasuredComparisonFigure.BuildAll(report);
        var page = ComparePageBuilder.Build(report, figures);
        return PageFolder.Write(directory, force, page, figures);
    }
}
