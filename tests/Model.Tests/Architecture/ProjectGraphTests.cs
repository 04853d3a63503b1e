using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace PerfSuite.Model.Tests.Architecture;

/// <summary>docs/architecture.md's project graph is the one the build uses: every src project's ProjectReferences
/// are exactly the projects its row lists, and every src project has a row.</summary>
public sealed partial class ProjectGraphTests
{
    [Fact]
    public void The_documented_project_graph_matches_the_project_references()
    {
        // Given the table of docs/architecture.md and the src projects
        var root = RepositoryRoot();
        var documented = DocumentedGraph(File.ReadAllText(Path.Combine(root, "docs", "architecture.md")));
        var projects = Directory.GetDirectories(Path.Combine(root, "src"))
            .Where(d => File.Exists(Path.Combine(d, $"PerfSuite.{Path.GetFileName(d)}.csproj")))
            .Select(Path.GetFileName)
            .Order(StringComparer.Ordinal)
            .ToList();

        // When each project's references are read
        var actual = projects.ToDictionary(p => p!, p => References(Path.Combine(root, "src", p!, $"PerfSuite.{p}.csproj")));

        // Then the table has a row per project, listing exactly its references
        Assert.Equal(projects, documented.Keys.Order(StringComparer.Ordinal));
        foreach (var (project, references) in actual)
            Assert.Equal($"{project} -> {string.Join(", ", references)}", $"{project} -> {string.Join(", ", documented[project])}");
    }

    private static Dictionary<string, List<string>> DocumentedGraph(string markdown)
    {
        var section = markdown[markdown.IndexOf("## Project graph", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("\n## ", 3, StringComparison.Ordinal)];
        var graph = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (Match row in Row().Matches(section))
        {
            var references = Name().Matches(row.Groups["refs"].Value).Select(m => m.Groups[1].Value).Order(StringComparer.Ordinal).ToList();
            graph.Add(row.Groups["project"].Value, references);
        }
        return graph;
    }

    private static List<string> References(string csproj) =>
        XDocument.Load(csproj).Descendants("ProjectReference")
            .Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value.Replace('\\', '/')))
            .Select(n => n.StartsWith("PerfSuite.", StringComparison.Ordinal) ? n["PerfSuite.".Length..] : n)
            .Order(StringComparer.Ordinal)
            .ToList();

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PerfSuite.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException("PerfSuite.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"^\| `(?<project>[A-Za-z]+)` \| (?<refs>[^|]*) \|", RegexOptions.Multiline)]
    private static partial Regex Row();

    [GeneratedRegex("`([A-Za-z]+)`")]
    private static partial Regex Name();
}
