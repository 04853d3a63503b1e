using PerfSuite.Kernel.Namespaces;
using PerfSuite.Lab.Offloads;
using PerfSuite.LoadGen.Traffic;
using PerfSuite.Model.Datapaths;
using PerfSuite.Model.Results;
using PerfSuite.Runner.Testbeds.Lab;

namespace PerfSuite.Runner.Tests;

[Collection(LabCollection.Name)]
public sealed class MatrixRunnerTests
{
    [Fact]
    public async Task An_interrupted_run_keeps_every_finished_cell_in_a_valid_file_and_removes_the_lab()
    {
        // Given a run that is cancelled as soon as its first cell is journaled
        ScratchNamespace.RequireRoot();
        var lab = "i" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray().AsSpan(0, 2));
        var output = Path.Combine(Path.GetTempPath(), $"perfsuite-int-{Guid.NewGuid():N}.json");
        using var cancel = new CancellationTokenSource();
        var spec = new RunSpec([Datapath.Native], [1500], [TestKind.TcpRr], 3, TimeSpan.FromSeconds(1), TimeSpan.Zero, 1,
            [OffloadProfiles.Default], output, lab);
        var progress = new CancelAfterFirstCell(cancel);
        try
        {
            // When
            var interrupted = await Assert.ThrowsAsync<RunInterruptedException>(
                () => new MatrixRunner(spec, progress).RunAsync(["run"], cancel.Token));

            // Then the file on disk is a valid, interrupted results document with that cell
            var document = ResultsReader.Load(output);
            Assert.True(document.Interrupted);
            Assert.Single(document.Cells);
            Assert.Equal(CellStatus.Ok, document.Cells[0].Status);
            Assert.Equal(document.Cells.Count, interrupted.Document.Cells.Count);
            Assert.False(File.Exists(ResultsJournal.JournalPathFor(output)));
            Assert.DoesNotContain(NetworkNamespace.List(), n => n.StartsWith($"ps-{lab}-", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(output);
        }
    }

    [Fact]
    public void Validation_refuses_a_short_window_and_an_mtu_too_small_for_the_overhead()
    {
        RunSpec Spec(TimeSpan duration, int mtu) => new([Datapath.Vxlan], [mtu], [TestKind.TcpStream], 1, duration,
            TimeSpan.Zero, 1, [OffloadProfiles.Default], "/tmp/x.json");

        Assert.Contains("at least 1 s", Assert.Throws<Model.Errors.PerfSuiteException>(() => Spec(TimeSpan.FromSeconds(0.5), 1500).Validate()).Message);
        Assert.Contains("too small for vxlan", Assert.Throws<Model.Errors.PerfSuiteException>(() => Spec(TimeSpan.FromSeconds(1), 110).Validate()).Message);
    }

    [Fact]
    public void A_lab_run_needs_an_underlay_mtu_and_an_offload_profile()
    {
        var noMtu = new RunSpec([Datapath.Native], [], [TestKind.TcpRr], 1, TimeSpan.FromSeconds(1), TimeSpan.Zero, 1,
            [OffloadProfiles.Default], "/tmp/x.json");

        var e = Assert.Throws<Model.Errors.PerfSuiteException>(() => new LabTestbed(noMtu, new PerfSuite.Lab.LabServices()).Validate());
        Assert.Contains("underlay MTU", e.Message);
        Assert.Throws<Model.Errors.PerfSuiteException>(() => new LabTestbed(noMtu with { UnderlayMtus = [1500], Offloads = [] }, new PerfSuite.Lab.LabServices()).Validate());
    }

    private sealed class CancelAfterFirstCell(CancellationTokenSource cancel) : IRunProgress
    {
        public void Phase(string message)
        {
        }

        public void CellStarting(RunCellKey cell, int index, int total, TimeSpan remaining)
        {
        }

        public void CellFinished(CellResult result, int index, int total) => cancel.Cancel();
    }
}
