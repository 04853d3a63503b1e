using System.Runtime.CompilerServices;
using PerfSuite.Model.Errors;

namespace PerfSuite.Kernel.Processes;

/// <summary>
/// How to start the <c>perfsuite</c> command as a child process (agents, and the processes the lab leaves running,
/// such as the userspace IPIP encapsulator). In order:
/// <list type="number">
/// <item><c>$PERFSUITE_EXECUTABLE</c> when set: that program (how <c>./run-tests</c> makes every test start the
/// native binary);</item>
/// <item>the dotnet host and PerfSuite.Cli.dll next to the running assemblies (or in the directory given): where the
/// JIT CLI runs from, and where a test project that references the CLI gets a copy of it;</item>
/// <item>otherwise the native executable this process is (<c>bin/perfsuite</c>, the Native AOT build): itself.</item>
/// </list>
/// </summary>
public sealed record PerfSuiteExecutable(string FileName, IReadOnlyList<string> LeadingArguments)
{
    public const string CliAssemblyFileName = "PerfSuite.Cli.dll";

    /// <summary>The environment variable naming the perfsuite program child processes are started with.</summary>
    public const string EnvironmentVariable = "PERFSUITE_EXECUTABLE";

    /// <summary>The perfsuite program: <paramref name="directory"/> is the JIT build's output directory to look in
    /// (default: this process's), used unless <c>$PERFSUITE_EXECUTABLE</c> names a program.</summary>
    public static PerfSuiteExecutable Locate(string? directory = null)
    {
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } named)
        {
            if (!File.Exists(named))
                throw new PerfSuiteException(ErrorReason.NotFound,
                    $"cannot start the perfsuite command: ${EnvironmentVariable} names {named}, which does not exist");
            return new PerfSuiteExecutable(Path.GetFullPath(named), []);
        }
        var dll = Path.Combine(directory ?? AppContext.BaseDirectory, CliAssemblyFileName);
        if (File.Exists(dll))
            return new PerfSuiteExecutable(DotnetHost(), [dll]);
        // No CLI assembly beside us and no dynamic code: the native executable itself. (The JIT build runs with dynamic
        // code switched off too, as PublishAot makes it; it has its assembly beside it and is caught above.)
        if (directory is null && !RuntimeFeature.IsDynamicCodeSupported && Environment.ProcessPath is { } self
            && Path.GetFileName(self) != "dotnet")
            return new PerfSuiteExecutable(self, []);
        throw new PerfSuiteException(ErrorReason.NotFound,
            $"cannot start the perfsuite command: {CliAssemblyFileName} is not in {directory ?? AppContext.BaseDirectory}");
    }

    private static string DotnetHost()
    {
        var current = Environment.ProcessPath;
        if (current is not null && Path.GetFileName(current) == "dotnet")
            return current;
        return Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host
            ? host
            : ProgramPath.Find("dotnet") ?? "dotnet";
    }
}
