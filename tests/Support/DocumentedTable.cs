namespace PerfSuite.Tests.Support;

/// <summary>A table a test computes and a document in the repository carries between two markers: the test asserts
/// the document holds exactly what it computed, and with <c>PERFSUITE_WRITE_DOCS=1</c> rewrites the section instead.</summary>
public static class DocumentedTable
{
    /// <summary>Asserts (or, with <c>PERFSUITE_WRITE_DOCS=1</c>, writes) <paramref name="table"/> between
    /// <paramref name="begin"/> and <paramref name="end"/> in <paramref name="relativePath"/>.</summary>
    public static void AssertIsIn(string relativePath, string begin, string end, string table)
    {
        var path = Path.Combine(RepositoryPaths.Root, relativePath);
        var doc = File.ReadAllText(path);
        var start = doc.IndexOf(begin, StringComparison.Ordinal);
        var stop = doc.IndexOf(end, StringComparison.Ordinal);
        Xunit.Assert.True(start >= 0 && stop > start, $"{path} lacks the markers {begin} … {end}");
        var section = doc[(start + begin.Length)..stop].Trim('\n');
        if (Environment.GetEnvironmentVariable("PERFSUITE_WRITE_DOCS") == "1" && section != table.Trim('\n'))
        {
            File.WriteAllText(path, doc[..(start + begin.Length)] + "\n" + table + doc[stop..]);
            return;
        }
        Xunit.Assert.Equal(table.Trim('\n'), section);
    }
}
