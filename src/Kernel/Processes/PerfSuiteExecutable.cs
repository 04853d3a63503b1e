using PerfSuite.Model.Errors;

namespace PerfSuite.Kernel.Processes;

/// <summary>
/// How to start the <c>perfsuite</c> command as a child process (for the processes the lab leaves running, such as
/// the userspace IPIP encapsulator): the dotnet host and PerfSuite.Cli.dll next to the running assemblies. That is
/// where the CLI itself runs from, and where a test project that references the CLI gets a copy of it.
/// </summary>
public sealed record PerfSuiteExecutable(string FileName, IReadOnlyList<string> LeadingArguments)
{
    public const string CliAssemblyFileName = "PerfSuite.Cli.dll";

    public static PerfSuiteExecutable Locate(string? directory = null)
    {
        directory ??= AppContext.BaseDirectory;
        var dll = Path.Combine(directory, CliAssemblyFileName);
        if (!File.Exists(dll))
            throw new PerfSuiteException(ErrorReason.NotFound,
                $"cannot start the perfsuite command: {CliAssemblyFileName} is not in {directory}");
        return new PerfSuiteExecutable(DotnetHost(), [dll]);
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
