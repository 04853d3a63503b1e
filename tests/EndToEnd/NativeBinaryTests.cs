using System.Diagnostics;
using PerfSuite.Cli;
using PerfSuite.Kernel.Processes;

namespace PerfSuite.EndToEnd.Tests;

/// <summary>The Native AOT executable (<c>bin/perfsuite</c>, named by <c>$PERFSUITE_EXECUTABLE</c> under
/// <c>./run-tests</c>): it runs where no .NET is installed, and it draws the same figures as the JIT build.</summary>
public sealed class NativeBinaryTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ps-native-e2e-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void The_native_binary_runs_with_no_dotnet_on_path()
    {
        // Given the native binary and an environment with no PATH entry, no DOTNET_ROOT and no HOME
        var binary = NativeBinary();
        var magic = new byte[4];
        using (var file = File.OpenRead(binary))
            file.ReadExactly(magic);
        Assert.Equal(new byte[] { 0x7f, (byte)'E', (byte)'L', (byte)'F' }, magic);

        // When
        var version = RunBare(binary, "--version");
        var probe = RunBare(binary, "probe", "--iface", "lo", "--format", "json");
        var ceiling = RunBare(binary, "ceiling", "--mtu", "9000");

        // Then
        Assert.Equal((0, ""), (version.Code, version.Stderr));
        Assert.Matches(@"^\d+\.\d+\.\d+", version.Stdout);
        Assert.Equal((0, ""), (probe.Code, probe.Stderr));
        Assert.Contains("\"name\": \"lo\"", probe.Stdout, StringComparison.Ordinal);
        Assert.Equal((0, ""), (ceiling.Code, ceiling.Stderr));
        Assert.Contains("underlay MTU 9000", ceiling.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void The_native_binary_renders_the_report_byte_for_byte_as_the_jit_build()
    {
        // Given the committed baseline, the native binary (which carries Skia inside it: no library next to it)
        // and the JIT build this test project references
        var binary = NativeBinary();
        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(binary)!, "libSkiaSharp.so")));
        var jitDll = Path.Combine(AppContext.BaseDirectory, PerfSuiteExecutable.CliAssemblyFileName);
        var temporary = Directory.CreateDirectory(Path.Combine(_directory, "tmp")).FullName;

        // When both render it
        var native = Run(binary, new() { ["TMPDIR"] = temporary },
            "report", RepositoryPaths.DefaultBaseline, "--out", Path.Combine(_directory, "native"));
        var jit = Shell.TryRun("dotnet", jitDll, "report", RepositoryPaths.DefaultBaseline, "--out", Path.Combine(_directory, "jit"));

        // Then every page and figure (SVG and PNG) is the same, byte for byte, and Skia's temporary copy is gone from TMPDIR
        Assert.Equal((ExitCodes.Success, ""), (native.Code, native.Stderr));
        Assert.Equal((ExitCodes.Success, ""), (jit.Code, jit.Stderr));
        var files = Directory.GetFiles(Path.Combine(_directory, "jit"), "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Path.Combine(_directory, "jit"), f)).Order(StringComparer.Ordinal).ToList();
        Assert.Contains(Path.Combine("figures", "cost-vs-native.svg"), files);
        Assert.Equal(files, Directory.GetFiles(Path.Combine(_directory, "native"), "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Path.Combine(_directory, "native"), f)).Order(StringComparer.Ordinal));
        foreach (var file in files)
            Assert.True(File.ReadAllBytes(Path.Combine(_directory, "jit", file)).AsSpan()
                .SequenceEqual(File.ReadAllBytes(Path.Combine(_directory, "native", file))), $"{file} differs");
        Assert.Empty(Directory.GetFileSystemEntries(temporary));
    }

    /// <summary>The native binary under test, or a skip saying how to get one.</summary>
    private static string NativeBinary()
    {
        var named = Environment.GetEnvironmentVariable(PerfSuiteExecutable.EnvironmentVariable);
        Requires.That(!string.IsNullOrEmpty(named),
            $"no native binary under test: ${PerfSuiteExecutable.EnvironmentVariable} is not set (./run-tests sets it to bin/perfsuite)");
        return named!;
    }

    /// <summary>Runs the binary in an environment that holds nothing but a PATH without any directory in it.</summary>
    private static (int Code, string Stdout, string Stderr) RunBare(string binary, params string[] args)
    {
        var psi = StartInfo(binary, args);
        psi.Environment.Clear();
        psi.Environment["PATH"] = "/nonexistent";
        return Run(psi);
    }

    private static (int Code, string Stdout, string Stderr) Run(string binary, Dictionary<string, string> environment, params string[] args)
    {
        var psi = StartInfo(binary, args);
        foreach (var (name, value) in environment)
            psi.Environment[name] = value;
        return Run(psi);
    }

    private static ProcessStartInfo StartInfo(string binary, string[] args)
    {
        var psi = new ProcessStartInfo(binary) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in args)
            psi.ArgumentList.Add(argument);
        return psi;
    }

    private static (int Code, string Stdout, string Stderr) Run(ProcessStartInfo psi)
    {
        using var process = Process.Start(psi)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout, stderr.Result);
    }
}
