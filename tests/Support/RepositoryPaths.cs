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
}
