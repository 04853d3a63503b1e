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

    /// <summary>The default lab run committed on 2026-11-26 (the baseline before the 2026-12-03 one), written before
    /// intervals stated their true coverage ("coverage": 0.95 on ranges of 3) and before CPU accounting was stored:
    /// how PerfSuite reads documents of that age.</summary>
    public static string DefaultRun20261126 => Path.Combine(Root, "tests", "Support", "Fixtures", "lab-default-20261126.json");
}
