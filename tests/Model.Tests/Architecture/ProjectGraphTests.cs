using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace PerfSuite.Model.Tests.Architecture;

/// <summary>docs/architecture.md's project graph is the one the build uses: every src project's ProjectReferences
/// are exactly the projects its row lists, the references beyond DESIGN's target are exactly the ones the row
/// marks (each with its reason), every reference is used, and no project uses a namespace of a project it reaches
/// only through another one's references.</summary>
public sealed partial class ProjectGraphTests
{
    /// <summary>DESIGN's target: <c>Cli -> {Runner, Tune, Report, Probe} ; Runner -> {Lab, LoadGen} ; Lab, LoadGen,
    /// Tune, Probe -> Kernel ; everything -> Model</c>, and <c>Tune -> Probe</c> (issue 13's layout).</summary>
    private static readonly Dictionary<string, string[]> DesignTarget = new(StringComparer.Ordinal)
    {
        ["Model"] = [],
        ["Kernel"] = ["Model"],
        ["Probe"] = ["Kernel", "Model"],
        ["Lab"] = ["Kernel", "Model"],
        ["LoadGen"] = ["Kernel", "Model"],
        ["Runner"] = ["Lab", "LoadGen", "Model"],
        ["Tune"] = ["Kernel", "Model", "Probe"],
        ["Report"] = ["Model"],
        ["Cli"] = ["Model", "Probe", "Report", "Runner", "Tune"],
    };

    [Fact]
    public void The_documented_project_graph_matches_the_project_references()
    {
        // Given the table of docs/architecture.md and the src projects
        var documented = DocumentedGraph();
        var projects = Projects();

        // When each project's references are read
        var actual = projects.ToDictionary(p => p, References);

        // Then the table has a row per project, listing exactly its references
        Assert.Equal(projects, documented.Keys.Order(StringComparer.Ordinal));
        foreach (var (project, references) in actual)
            Assert.Equal($"{project} -> {string.Join(", ", references)}", $"{project} -> {string.Join(", ", documented[project].References)}");
    }

    [Fact]
    public void Every_reference_beyond_designs_target_is_marked_as_such_with_a_reason()
    {
        var documented = DocumentedGraph();

        foreach (var project in Projects())
        {
            Assert.True(DesignTarget.ContainsKey(project), $"src/{project} is not in DESIGN's target graph");
            var beyond = References(project).Except(DesignTarget[project], StringComparer.Ordinal).ToList();
            Assert.Equal($"{project} beyond DESIGN: {string.Join(", ", beyond)}", $"{project} beyond DESIGN: {string.Join(", ", documented[project].Beyond)}");
            if (beyond.Count > 0)
                Assert.All(beyond, b => Assert.Contains($"`{b}`", documented[project].Why));
        }
    }

    [Fact]
    public void Every_reference_is_used_and_no_namespace_is_reached_through_another_projects_references()
    {
        foreach (var project in Projects())
        {
            // Given the PerfSuite namespaces the project's sources import
            var used = UsedProjects(project);
            var references = References(project);

            // Then each is the project's own or a direct reference, and each direct reference is imported
            Assert.Equal($"{project} uses beyond its references: ", $"{project} uses beyond its references: {string.Join(", ", used.Except(references).Where(u => u != project))}");
            Assert.Equal($"{project} references unused: ", $"{project} references unused: {string.Join(", ", references.Except(used))}");
        }
    }

    private static List<string> Projects()
    {
        var src = Path.Combine(RepositoryRoot(), "src");
        return Directory.GetDirectories(src)
            .Select(Path.GetFileName)
            .Where(p => File.Exists(Path.Combine(src, p!, $"PerfSuite.{p}.csproj")))
            .Select(p => p!)
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    private static Dictionary<string, (List<string> References, List<string> Beyond, string Why)> DocumentedGraph()
    {
        var markdown = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "architecture.md"));
        var section = markdown[markdown.IndexOf("## Project graph", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("\n## ", 3, StringComparison.Ordinal)];
        var graph = new Dictionary<string, (List<string>, List<string>, string)>(StringComparer.Ordinal);
        foreach (Match row in Row().Matches(section))
            graph.Add(row.Groups["project"].Value, (Names(row.Groups["refs"].Value), Names(row.Groups["beyond"].Value), row.Groups["why"].Value));
        return graph;
    }

    private static List<string> Names(string cell) =>
        Name().Matches(cell).Select(m => m.Groups[1].Value).Order(StringComparer.Ordinal).ToList();

    private static List<string> References(string project) =>
        XDocument.Load(Path.Combine(RepositoryRoot(), "src", project, $"PerfSuite.{project}.csproj")).Descendants("ProjectReference")
            .Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value.Replace('\\', '/')))
            .Select(n => n.StartsWith("PerfSuite.", StringComparison.Ordinal) ? n["PerfSuite.".Length..] : n)
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>The projects whose namespaces the project's own sources import with a <c>using</c> directive.</summary>
    private static List<string> UsedProjects(string project)
    {
        var directory = Path.Combine(RepositoryRoot(), "src", project);
        var generated = new[] { $"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", $"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}" };
        return Directory.EnumerateFiles(directory, "*.cs", SearchOption.AllDirectories)
            .Where(f => !generated.Any(g => f[directory.Length..].Contains(g, StringComparison.Ordinal)))
            .SelectMany(f => UsingDirective().Matches(File.ReadAllText(f)).Select(m => m.Groups["project"].Value))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PerfSuite.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException("PerfSuite.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"^\| `(?<project>[A-Za-z]+)` \| (?<refs>[^|]*) \| (?<beyond>[^|]*) \| (?<why>[^|]*) \|", RegexOptions.Multiline)]
    private static partial Regex Row();

    [GeneratedRegex("`([A-Za-z]+)`")]
    private static partial Regex Name();

    [GeneratedRegex(@"^\s*(?:global\s+)?using\s+(?:static\s+)?PerfSuite\.(?<project>[A-Za-z]+)\b", RegexOptions.Multiline)]
    private static partial Regex UsingDirective();
}
