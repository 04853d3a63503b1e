using System.Diagnostics;
using PerfSuite.Kernel.Processes;

namespace PerfSuite.Tests.Support;

/// <summary>The built <c>perfsuite</c> command as a child process, found the way PerfSuite finds itself when it
/// starts its agents and tunnels (<see cref="PerfSuiteExecutable.Locate"/>): the program <c>$PERFSUITE_EXECUTABLE</c>
/// names (the native <c>bin/perfsuite</c> under <c>./run-tests</c>), else the dotnet host and the PerfSuite.Cli.dll
/// that a test project referencing src/Cli gets next to its own assembly.</summary>
public static class BuiltCli
{
    /// <summary>The command line that runs <c>perfsuite ARGS</c>, the program first.</summary>
    public static string[] CommandLine(params string[] args)
    {
        // $PERFSUITE_EXECUTABLE when set: ./run-tests builds the native binary and names it there, so every test
        // (and every agent the product starts in a test process) runs bin/perfsuite. Otherwise the JIT build: next to
        // the test assembly when the test project references the CLI (as the product finds itself), else
        // (tests/Uml.Tests drives it as a black box) the solution's Release build.
        var directory = File.Exists(Path.Combine(AppContext.BaseDirectory, PerfSuiteExecutable.CliAssemblyFileName))
            ? null
            : Path.Combine(RepositoryPaths.Root, "src", "Cli", "bin", "Release", "net10.0");
        var executable = PerfSuiteExecutable.Locate(directory);
        return [executable.FileName, .. executable.LeadingArguments, .. args];
    }

    /// <summary>How to start <c>perfsuite ARGS</c> with its output redirected.</summary>
    public static ProcessStartInfo StartInfo(params string[] args)
    {
        var commandLine = CommandLine(args);
        var psi = new ProcessStartInfo(commandLine[0]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in commandLine[1..])
            psi.ArgumentList.Add(argument);
        return psi;
    }

    /// <summary>As <see cref="StartInfo"/>, with SIGINT's default disposition restored first (<c>env --default-signal=INT</c>,
    /// which execs, so the pid is perfsuite's): a test that sends SIGINT must not depend on how it was started. A
    /// non-interactive shell starts background jobs with SIGINT ignored, children inherit that, and .NET then leaves
    /// SIGINT ignored (it honours an inherited SIG_IGN for SIGINT and SIGQUIT), so Ctrl-C handling never runs — seen
    /// when the suite itself ran in the background.</summary>
    public static ProcessStartInfo StartInfoReceivingInterrupts(params string[] args)
    {
        var commandLine = CommandLine(args);
        var psi = new ProcessStartInfo("env") { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add("--default-signal=INT");
        foreach (var argument in commandLine)
            psi.ArgumentList.Add(argument);
        return psi;
    }

    /// <summary>Runs <c>perfsuite ARGS</c> as nobody: setpriv drops root's uid, gid and capabilities. Needs root.</summary>
    public static (int Code, string Stdout, string Stderr) RunAsNobody(params string[] args) =>
        Shell.TryRun("setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", "env", "HOME=/tmp", "DOTNET_CLI_HOME=/tmp",
            .. CommandLine(args)]);
}
