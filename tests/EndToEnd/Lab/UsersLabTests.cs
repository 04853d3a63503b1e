using PerfSuite.EndToEnd.Tests.Support;
using PerfSuite.Kernel.Namespaces;
using PerfSuite.Lab;
using PerfSuite.Lab.State;
using PerfSuite.Model.Datapaths;

namespace PerfSuite.EndToEnd.Tests.Lab;

/// <summary>The suite never touches the labs of the person running it: every test process has a state directory of
/// its own (tests/Support/EveryTestAssembly/TestStateDirectory.cs), which the perfsuite processes it starts inherit.</summary>
[Collection(LabCollection.Name)]
public sealed class UsersLabTests
{
    [Fact]
    public void The_tests_state_directory_is_their_own_not_the_machines()
    {
        Assert.Equal(LabPaths.StateDirectoryVariable, PerfSuite.Tests.TestStateDirectory.Variable);
        Assert.Equal(PerfSuite.Tests.TestStateDirectory.Path, LabPaths.StateDirectory);
        Assert.NotEqual(LabPaths.DefaultStateDirectory, LabPaths.StateDirectory);
        Assert.Equal(Path.Combine(PerfSuite.Tests.TestStateDirectory.Path, "labs"), LabCleaner.Default.Store.Directory);
    }

    [Fact]
    public async Task A_users_lab_in_the_machine_wide_directory_survives_the_lab_clean_the_tests_run()
    {
        // Given a user's lab in the machine-wide state directory, one `lab clean` removes there: its owner is gone and
        // it never completed (a `lab up` killed half way)
        Requires.Root("network namespaces");
        var machine = new LabStateStore(Path.Combine(LabPaths.DefaultStateDirectory, "labs"));
        var spec = new LabSpec("hdu" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray().AsSpan(0, 3))[..5], [Datapath.SameNode], Verify: false);
        using var elsewhere = new ScratchDirectory();
        try
        {
            LabInstance.Up(spec, new LabServices { Cleaner = new LabCleaner(machine) }, TestContext.Current.CancellationToken).Abandon();
            machine.Save(machine.Load(spec.Name)! with { OwnerStartTime = -1, Complete = false });
            var namespaces = Namespaces(spec.Name);
            Assert.NotEmpty(namespaces);

            // When the tests clean labs and list them, as the lab tests do
            var clean = await CliHost.RunAsync("lab", "clean");
            var list = await CliHost.RunAsync("lab", "list");

            // Then the user's lab is untouched, and not even seen
            Assert.Equal(0, clean.ExitCode);
            Assert.DoesNotContain(spec.Name, clean.Stdout, StringComparison.Ordinal);
            Assert.DoesNotContain(spec.Name, list.Stdout, StringComparison.Ordinal);
            Assert.True(File.Exists(machine.PathOf(spec.Name)));
            Assert.Equal(namespaces, Namespaces(spec.Name));

            // And the same `lab clean` reading a directory that holds this lab's document does remove it: what
            // protected the lab above is the directory, not its shape
            var copy = new LabStateStore(Path.Combine(elsewhere.Path, "labs"));
            Assert.True(copy.TryCreate(machine.Load(spec.Name)!));
            var cleanThere = await CliHost.RunAsync(new Dictionary<string, string> { [LabPaths.StateDirectoryVariable] = elsewhere.Path }, "lab", "clean");
            Assert.Equal(0, cleanThere.ExitCode);
            Assert.Contains(spec.Name, cleanThere.Stdout, StringComparison.Ordinal);
            Assert.Empty(Namespaces(spec.Name));
        }
        finally
        {
            new LabCleaner(machine).Remove(spec.Name);
        }
        Assert.False(File.Exists(machine.PathOf(spec.Name)));
    }

    private static List<string> Namespaces(string lab) =>
        NetworkNamespace.List().Where(n => n.StartsWith($"ps-{lab}-", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
}
