using System.Net;
using PerfSuite.Model.Results;
using PerfSuite.Report.Writing;

namespace PerfSuite.Report.Tests.Writing;

/// <summary>The report's "Run and environment" table says where the agents ran and which receive queues of each path
/// were steered to which CPUs (docs/methodology.md "CPU placement").</summary>
public sealed class PlacementReportTests
{
    [Fact]
    public void A_placed_run_names_its_agents_CPUs_and_each_paths_steered_queues()
    {
        // Given a run whose ok cells were placed, with native's receive queues steered
        var lab = SampleRun.Lab();
        var steering = new[]
        {
            new ReceiveSteering(ReceiveSteering.SenderSide, "ps-r-na-n1", "eth0", "rx-0", [0]),
            new ReceiveSteering(ReceiveSteering.ReceiverSide, "ps-r-na-n2p1", "eth0", "rx-0", [1]),
        };
        var cells = lab.Cells.Select(c => c.Status != CellStatus.Ok ? c : c with
        {
            Placement = new CpuPlacement(CpuPlacement.Manual, [0], [1], Steering: c.Path == "native" ? steering : null),
        }).ToList();
        using var temp = new ScratchDirectory();

        // When
        var output = ReportWriter.Write(lab with { Cells = cells }, temp.File("r"), force: false);

        // Then
        var html = WebUtility.HtmlDecode(File.ReadAllText(output.HtmlPath));
        Assert.Contains("agent CPUs", html, StringComparison.Ordinal);
        Assert.Contains("sender 0, receiver 1 (manual)", html, StringComparison.Ordinal);
        Assert.Contains("receive steering, native", html, StringComparison.Ordinal);
        Assert.Contains("receive steering (RPS): 1 queue of the sender's side on CPU 0, 1 queue of the receiver's side on CPU 1: "
                        + "eth0 rx-0 in ps-r-na-n1 → 0; eth0 rx-0 in ps-r-na-n2p1 → 1", html, StringComparison.Ordinal);
        Assert.DoesNotContain("receive steering, vxlan", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_run_whose_cells_record_no_placement_has_no_placement_rows()
    {
        var lab = SampleRun.Lab();
        var cells = lab.Cells.Select(c => c with { Placement = null }).ToList();
        using var temp = new ScratchDirectory();

        var output = ReportWriter.Write(lab with { Cells = cells }, temp.File("r"), force: false);

        var html = WebUtility.HtmlDecode(File.ReadAllText(output.HtmlPath));
        Assert.DoesNotContain("agent CPUs", html, StringComparison.Ordinal);
        Assert.DoesNotContain("receive steering", html, StringComparison.Ordinal);
    }
}
