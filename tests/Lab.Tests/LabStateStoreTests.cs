using PerfSuite.Kernel.Processes;
using PerfSuite.Lab.State;
using PerfSuite.Model.Datapaths;

namespace PerfSuite.Lab.Tests;

public sealed class LabStateStoreTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "ps-labstate-" + Guid.NewGuid().ToString("n"));

    [Fact]
    public void Creating_is_exclusive_and_saving_round_trips()
    {
        // Given a fresh store
        var store = new LabStateStore(_directory);
        var state = LabState.Begin(new LabSpec("t1", [Datapath.Vxlan, Datapath.VxlanWireguard], 9000), ProcessIdentity.Current);

        // When
        Assert.True(store.TryCreate(state));
        Assert.False(store.TryCreate(state));
        store.Save(state with { Namespaces = ["ps-t1-vx-n1"], Complete = true });

        // Then
        var loaded = store.Load("t1")!;
        Assert.Equal(["ps-t1-vx-n1"], loaded.Namespaces);
        Assert.True(loaded.Complete);
        Assert.Equal(["vxlan", "vxlan+wireguard"], loaded.Spec.Paths);
        Assert.Equal(9000, loaded.Spec.UnderlayMtu);
        Assert.Equal(["t1"], store.Names());
        Assert.Empty(Directory.GetFiles(_directory, "*.tmp"));
    }

    [Fact]
    public void A_document_that_is_not_a_lab_state_reads_as_null()
    {
        var store = new LabStateStore(_directory);
        Directory.CreateDirectory(_directory);
        File.WriteAllText(store.PathOf("cut"), "{\"schema\": \"perfsuite/lab@1\", \"na");
        File.WriteAllText(store.PathOf("other"), "{\"schema\": \"perfsuite/other@1\"}");
        Assert.Null(store.Load("cut"));
        Assert.Null(store.Load("other"));
        Assert.Null(store.Load("missing"));
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
            Directory.Delete(_directory, recursive: true);
    }
}
