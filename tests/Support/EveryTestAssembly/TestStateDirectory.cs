using System.Runtime.CompilerServices;

namespace PerfSuite.Tests;

/// <summary>
/// Keeps the suite away from the labs of the person running it. Before any test of this assembly runs, the process
/// gets a state directory of its own (<c>$PERFSUITE_STATE_DIR</c>, see <c>PerfSuite.Lab.LabPaths</c>), which every
/// perfsuite process a test starts inherits: the <c>lab clean</c> a test runs, and the stale-lab removal at the start
/// of every run, then see only the labs this test process made, never the machine-wide <c>/run/perfsuite</c>.
/// Compiled into every test assembly (Directory.Build.props), as a module initializer so it runs before any test.
/// </summary>
internal static class TestStateDirectory
{
    /// <summary><c>PerfSuite.Lab.LabPaths.StateDirectoryVariable</c>, spelled out because not every test project
    /// references PerfSuite.Lab (EndToEnd's UsersLabTests checks the two agree).</summary>
    public const string Variable = "PERFSUITE_STATE_DIR";

    /// <summary>This test process's state directory.</summary>
    public static string Path { get; private set; } = "";

#pragma warning disable CA2255 // a module initializer in a test assembly is the point: it runs before xunit discovers a test
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Initialize()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"ps-test-state-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}");
        // Private to this user (root in CI): a lab cleaner acts on what the documents here say.
        if (OperatingSystem.IsWindows())
            return; // PerfSuite and its tests run on Linux only; this keeps the Unix file mode below legal to call.
        Directory.CreateDirectory(Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Environment.SetEnvironmentVariable(Variable, Path);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => RemoveUnlessLabsAreLeft();
    }

    /// <summary>Removes the directory at exit, unless a lab or fleet journal is still recorded in it: then it stays,
    /// so <c>PERFSUITE_STATE_DIR=DIR perfsuite lab clean</c> can remove what a failed test left.</summary>
    private static void RemoveUnlessLabsAreLeft()
    {
        try
        {
            var left = Directory.EnumerateFiles(Path, "*.json", SearchOption.AllDirectories).ToList();
            if (left.Count == 0)
                Directory.Delete(Path, recursive: true);
            else
                Console.Error.WriteLine($"tests left {left.Count} lab document(s) in {Path}: `{Variable}={Path} perfsuite lab clean` removes them");
        }
        catch (IOException)
        {
            // Nothing more can be done at exit.
        }
    }
}
