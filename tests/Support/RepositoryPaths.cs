namespace PerfSuite.Tests.Support;

public static class RepositoryPaths
{
    /// <summary>The directory holding PerfSuite.sln, found upwards from the test binaries.</summary>
    public static string Root
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "PerfSuite.sln")))
                    return dir.FullName;
            }
            throw new InvalidOperationException("PerfSuite.sln not found above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>The committed default lab run the example report and the README are made from.</summary>
    public static string DefaultBaseline => Path.Combine(Root, "results", "baselines", "lab-default.json");
}
