using System.Diagnostics;

namespace PerfSuite.Uml.Tests.Support;

/// <summary>scripts/uml-run started from the host, as ./run-tests and people start it. Every run carries a unique
/// environment variable that the UML processes inherit, so a test can find anything of it still running.</summary>
internal static class UmlRun
{
    public const string Kernel = "/usr/bin/linux.uml";
    public const string MarkVariable = "PERFSUITE_UML_TEST_MARK";

    public static string Script => Path.Combine(RepositoryPaths.Root, "scripts", "uml-run");

    /// <summary>The UML kernel's release (uname -r inside), named by the package's modules directory.</summary>
    public static string KernelRelease => Path.GetFileName(Directory.EnumerateDirectories("/usr/lib/uml/modules").Single());

    public static void RequireHost()
    {
        HostSkips.WhenInsideUml(UmlGuest.IsInside);
        Requires.Root("UML runs its command as root");
        Requires.That(File.Exists(Kernel), $"{Kernel} is missing (Debian package user-mode-linux; ./run-tests installs it)");
    }

    /// <summary>Starts scripts/uml-run with a fresh mark (returned), its output redirected.</summary>
    public static (Process Process, string Mark) Start(params string[] args)
    {
        var mark = Guid.NewGuid().ToString("N");
        var psi = new ProcessStartInfo(Script) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
            psi.ArgumentList.Add(a);
        psi.Environment[MarkVariable] = mark;
        return (Process.Start(psi)!, mark);
    }

    public static UmlRunResult Run(params string[] args)
    {
        var clock = Stopwatch.StartNew();
        var (started, mark) = Start(args);
        using var process = started;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"uml-run {string.Join(' ', args)} did not return in 3 minutes");
        }
        process.WaitForExit();
        return new UmlRunResult(process.ExitCode, stdout.Result, stderr.Result, clock.Elapsed, mark);
    }

    /// <summary>Processes whose environment holds <paramref name="mark"/>: what is left of a run.</summary>
    public static IReadOnlyList<int> ProcessesMarked(string mark)
    {
        var needle = $"{MarkVariable}={mark}";
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
                continue;
            try
            {
                var environ = File.ReadAllText(Path.Combine(dir, "environ"));
                if (environ.Split('\0').Contains(needle))
                    found.Add(pid);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
        return found;
    }
}

internal sealed record UmlRunResult(int ExitCode, string Stdout, string Stderr, TimeSpan Elapsed, string Mark);
