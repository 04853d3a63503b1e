using System.Diagnostics;
using System.Globalization;
using PerfSuite.EndToEnd.Tests.Support;
using PerfSuite.Kernel.Namespaces;
using PerfSuite.Kernel.Processes;
using PerfSuite.Lab.State;

namespace PerfSuite.EndToEnd.Tests.Lab;

/// <summary>Real signals to a running <c>perfsuite lab up</c>: SIGINT (Ctrl-C) or SIGTERM in the middle of bringing up
/// every path stops the build, removes what it made (namespaces, tunnel processes, the lab's state) and exits 130.
/// A lab whose build has finished is the user's and is kept (a signal then changes nothing); this test signals while
/// the build is under way, and says so if the build won the race.</summary>
[Collection(LabCollection.Name)]
public sealed class LabUpSignalTests(ITestOutputHelper log)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("INT")]
    [InlineData("TERM")]
    public async Task A_signal_mid_bring_up_removes_everything_and_exits_130(string signal)
    {
        // Given lab up of every path with sixteen pods per node, signalled once its first tunnel process runs (mid bring-up)
        Requires.Root("the lab");
        var name = "h3s" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray().AsSpan(0, 2));
        var prefix = $"ps-{name}-";
        // 16 pods per node: the native binary builds one pod per node of every path in about a second, which a signal
        // sent after the first tunnel process appears can miss (it did, in CI); sixteen keep the build going for several.
        using var up = Process.Start(BuiltCli.StartInfoReceivingInterrupts("lab", "up", "--name", name, "--paths", "all", "--pods-per-node", "16"))!;
        var stdout = up.StandardOutput.ReadToEndAsync(Cancel);
        var stderr = up.StandardError.ReadToEndAsync(Cancel);
        IReadOnlyList<LabProcessRecord> started = [];
        try
        {
            var deadline = DateTime.UtcNow.AddMinutes(3);
            while (!up.HasExited && DateTime.UtcNow < deadline
                && (started = LabStateStore.Default.Load(name)?.Processes ?? []).Count == 0)
                await Task.Delay(10, Cancel);
            Assert.True(started.Count > 0, "lab up ran no tunnel process before it ended: " + (up.HasExited ? await stderr : "(still running)"));
            var namespacesBefore = NetworkNamespace.List().Count(n => n.StartsWith(prefix, StringComparison.Ordinal));

            // When it gets the signal
            Shell.Run("kill", $"-{signal}", up.Id.ToString(CultureInfo.InvariantCulture));
            await up.WaitForExitAsync(Cancel).WaitAsync(TimeSpan.FromMinutes(2), Cancel);
            var (output, errors) = (await stdout, await stderr);
            log.WriteLine($"SIG{signal} with {namespacesBefore} namespaces and {started.Count} processes made; exit {up.ExitCode}\n{output}{errors}");

            // Then it exits 130 saying the lab was removed, and nothing of the lab is left: no namespace, no process
            // it started, no state
            Assert.False(LabStateStore.Default.Load(name) is { Complete: true }, "the build finished before the signal: " + output);
            Assert.Equal(130, up.ExitCode);
            Assert.Contains($"interrupted; lab '{name}' was removed", errors, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", errors, StringComparison.Ordinal);
            Assert.DoesNotContain(NetworkNamespace.List(), n => n.StartsWith(prefix, StringComparison.Ordinal));
            Assert.DoesNotContain(started, p => new ProcessIdentity(p.Pid, p.StartTime).IsAlive);
            Assert.Empty(ProcessTable.Where(arguments => arguments.Any(a => a.Contains(prefix, StringComparison.Ordinal))));
            Assert.False(File.Exists(LabStateStore.Default.PathOf(name)));
        }
        finally
        {
            if (!up.HasExited)
                up.Kill(entireProcessTree: true);
            await CliHost.RunAsync("lab", "down", name);
        }
    }
}
