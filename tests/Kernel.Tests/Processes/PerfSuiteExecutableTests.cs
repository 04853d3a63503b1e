using PerfSuite.Kernel.Processes;
using PerfSuite.Model.Errors;

namespace PerfSuite.Kernel.Tests.Processes;

/// <summary>Which program PerfSuite starts its agents and tunnels with. The environment variable is process-wide, so
/// these tests run alone and put back what was there.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ExecutableVariableCollection
{
    public const string Name = "PERFSUITE_EXECUTABLE";
}

[Collection(ExecutableVariableCollection.Name)]
public sealed class PerfSuiteExecutableTests : IDisposable
{
    private readonly string? _before = Environment.GetEnvironmentVariable(PerfSuiteExecutable.EnvironmentVariable);
    private readonly string _directory = Directory.CreateTempSubdirectory("ps-executable-").FullName;

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(PerfSuiteExecutable.EnvironmentVariable, _before);
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public void The_program_PERFSUITE_EXECUTABLE_names_is_started_without_a_host()
    {
        // Given a native binary named by the variable, and a directory with a JIT build in it
        var binary = Path.Combine(_directory, "perfsuite");
        File.WriteAllBytes(binary, [0x7f, (byte)'E', (byte)'L', (byte)'F']);
        File.WriteAllBytes(Path.Combine(_directory, PerfSuiteExecutable.CliAssemblyFileName), []);
        Environment.SetEnvironmentVariable(PerfSuiteExecutable.EnvironmentVariable, binary);

        // When
        var executable = PerfSuiteExecutable.Locate(_directory);

        // Then
        Assert.Equal(binary, executable.FileName);
        Assert.Empty(executable.LeadingArguments);
    }

    [Fact]
    public void Without_the_variable_the_JIT_build_runs_under_the_dotnet_host()
    {
        // Given
        Environment.SetEnvironmentVariable(PerfSuiteExecutable.EnvironmentVariable, null);
        var dll = Path.Combine(_directory, PerfSuiteExecutable.CliAssemblyFileName);
        File.WriteAllBytes(dll, []);

        // When (a test process runs with the JIT, so it is not the native perfsuite itself)
        var executable = PerfSuiteExecutable.Locate(_directory);

        // Then
        Assert.Equal("dotnet", Path.GetFileName(executable.FileName));
        Assert.Equal([dll], executable.LeadingArguments);
    }

    [Fact]
    public void A_PERFSUITE_EXECUTABLE_that_does_not_exist_is_refused_by_name()
    {
        // Given
        var missing = Path.Combine(_directory, "no-such-perfsuite");
        Environment.SetEnvironmentVariable(PerfSuiteExecutable.EnvironmentVariable, missing);

        // When
        var error = Assert.Throws<PerfSuiteException>(() => PerfSuiteExecutable.Locate());

        // Then
        Assert.Equal(ErrorReason.NotFound, error.Reason);
        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
    }
}
