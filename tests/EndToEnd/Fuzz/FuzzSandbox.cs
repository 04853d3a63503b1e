using System.Diagnostics;

namespace PerfSuite.EndToEnd.Tests.Fuzz;

/// <summary>
/// The test's folder for fuzzing, and the way to run <c>perfsuite</c> in it: as nobody (setpriv; so nothing the
/// command line asks for can build a lab, apply a setting or write anywhere nobody may not), or as root where a reader
/// refuses to start without it; in both cases with the working directory, HOME, TMPDIR, the crash-log directory
/// (<c>$XDG_STATE_HOME</c>) and the lab state directory (<c>$PERFSUITE_STATE_DIR</c>) inside the folder, no
/// <c>$PERFSUITE_TOKEN</c>, and a time limit after which the process is killed. Removed on Dispose.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal sealed class FuzzSandbox : IDisposable
{
    public const int Nobody = 65534;

    private readonly ScratchDirectory _directory = new();
    private readonly string _marker;

    public FuzzSandbox()
    {
        foreach (var sub in new[] { "cwd", "home", "tmp", "state", "xdg" })
            Directory.CreateDirectory(File(sub));
        // Open to nobody: the fuzzed commands run as nobody and write their outputs here.
        foreach (var directory in Directory.GetDirectories(Root).Append(Root))
            System.IO.File.SetUnixFileMode(directory, (UnixFileMode)0x1ff);
        _marker = File("started");
        System.IO.File.WriteAllText(_marker, "");
    }

    public string Root => _directory.Path;

    /// <summary>The working directory of every command run here.</summary>
    public string WorkingDirectory => File("cwd");

    public string File(string name) => _directory.File(name);

    /// <summary>Runs <c>perfsuite ARGS</c>; an argument equal to <see cref="BoundaryValues.NotUtf8"/> becomes raw
    /// non-UTF-8 bytes.</summary>
    public async Task<FuzzOutcome> RunAsync(IReadOnlyList<string> args, bool asNobody, TimeSpan limit)
    {
        var commandLine = BuiltCli.CommandLine([.. args]);
        if (args.Contains(BoundaryValues.NotUtf8))
        {
            commandLine =
            [
                "bash", "-c",
                $"a=(); for x in \"$@\"; do [ \"$x\" = '{BoundaryValues.NotUtf8}' ] && x=$(printf '{BoundaryValues.NotUtf8Printf}'); a+=(\"$x\"); done; exec \"${{a[@]}}\"",
                "fuzz", .. commandLine,
            ];
        }
        if (asNobody)
            commandLine = ["setpriv", $"--reuid={Nobody}", $"--regid={Nobody}", "--clear-groups", "--", .. commandLine];
        var psi = new ProcessStartInfo(commandLine[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = WorkingDirectory,
        };
        foreach (var argument in commandLine[1..])
            psi.ArgumentList.Add(argument);
        psi.Environment.Remove("PERFSUITE_TOKEN");
        psi.Environment["HOME"] = File("home");
        psi.Environment["DOTNET_CLI_HOME"] = File("home");
        psi.Environment["TMPDIR"] = File("tmp");
        psi.Environment["XDG_STATE_HOME"] = File("xdg");
        psi.Environment[PerfSuite.Lab.LabPaths.StateDirectoryVariable] = File("state");
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            return new FuzzOutcome(process.ExitCode, await stdout, await stderr, TimedOut: true);
        }
        return new FuzzOutcome(process.ExitCode, await stdout, await stderr, TimedOut: false);
    }

    /// <summary>Files nobody made since this folder was, anywhere a process of nobody can write outside it.</summary>
    public IReadOnlyList<string> WrittenOutsideByNobody()
    {
        var (_, stdout, _) = Shell.TryRun("find", "/tmp", "/var/tmp", "/dev/shm", "/run", "-xdev", "-user", Nobody.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-newer", _marker, "-not", "-path", Root, "-not", "-path", Root + "/*");
        return stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    public void Dispose() => _directory.Dispose();
}
