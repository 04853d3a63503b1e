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

    [Fact]
    public void Both_ledgers_record_a_live_process_once_with_its_start_time_and_forget_it()
    {
        // Given a lab's document, its builder's recorder and another process's ledger on the same store
        var store = new LabStateStore(_directory);
        var state = LabState.Begin(new LabSpec("t2", [Datapath.Vxlan], 1500), ProcessIdentity.Current);
        Assert.True(store.TryCreate(state));
        var me = ProcessIdentity.Current;
        var recorder = new LabRecorder(store, state);
        var ledger = store.Ledger("t2");

        // When this process is recorded twice through each, and a pid that does not exist once
        recorder.Record(me.Pid, "ps-t2-vx-p1", "builder's");
        recorder.Record(me.Pid, "ps-t2-vx-p1", "builder's");
        ledger.Record(me.Pid, "ps-t2-vx-p1", "run's");
        ledger.Record(int.MaxValue, "ps-t2-vx-p1", "gone");

        // Then it is there once, with its start time
        var recorded = Assert.Single(store.Load("t2")!.Processes);
        Assert.Equal((me.Pid, me.StartTime, "ps-t2-vx-p1"), (recorded.Pid, recorded.StartTime, recorded.Namespace));

        // And forgetting removes it
        ledger.Forget(me.Pid);
        Assert.Empty(store.Load("t2")!.Processes);
    }

    [Fact]
    public void A_ledger_of_a_lab_that_is_gone_records_nothing()
    {
        var store = new LabStateStore(_directory);

        store.Ledger("missing").Record(ProcessIdentity.Current.Pid, "ps-missing-x", "agent");

        Assert.Null(store.Load("missing"));
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
            Directory.Delete(_directory, recursive: true);
    }
}
