using System.Text.Json;
using PerfSuite.Model.Json;
using PerfSuite.Model.Probe;
using PerfSuite.Model.Results;
using PerfSuite.Report.Compare;

namespace PerfSuite.Report.Tests.Compare;

/// <summary>Results of two machines whose truth is known (log-normal repetitions from fixed seeds), and the
/// loading of any input through the real loader.</summary>
internal static class CompareRuns
{
    /// <summary>"nic-a": an mlx5-like NIC (the composed dump's features) with link, rings and channels; native
    /// 9.4 Gbit/s at 0.40 core·s/Gbit, VXLAN 9.0 Gbit/s at 0.70, native p99 50 µs; ten repetitions each.</summary>
    public static ResultsDocument NicA()
    {
        var dump = Assert.Single(EthtoolDumpParser.Parse(CompareFixtures.Text("mlx5-composed.ethtool-i-k.txt"), "mlx5").Interfaces);
        var nic = new InterfaceSnapshot("ens1", 2, null, 1500, "UP", null, "02:00:00:00:00:01", 8, 8, dump.Driver, dump.Features,
            new LinkSettings(25000, "Full", "Direct Attach Copper", false, 0, "internal", [], [], [], true),
            new RingParams(8192, 0, 0, 8192, 1024, 0, 0, 1024), new ChannelParams(0, 0, 0, 63, 0, 0, 0, 8), null, null, []);
        var environment = SyntheticRuns.Environment() with
        {
            Hostname = "node-a",
            Probe = [new ProbeDocument(Schemas.Probe, "node-a", "6.18.0", null, DateTimeOffset.Parse("2025-03-01T10:00:00Z"), [nic])],
        };
        var cells = SyntheticRuns.StreamCells("native", SyntheticRuns.Draw(10, 9.4e9, 0.01, 1), SyntheticRuns.Draw(10, 0.40, 0.02, 2))
            .Concat(SyntheticRuns.StreamCells("vxlan", SyntheticRuns.Draw(10, 9.0e9, 0.01, 3), SyntheticRuns.Draw(10, 0.70, 0.02, 4)))
            .Concat(SyntheticRuns.RequestResponseCells("native", SyntheticRuns.Draw(10, 50, 0.02, 5), SyntheticRuns.Draw(10, 30000, 0.02, 6)))
            .Select(c => c with { Label = "nic-a" });
        return SyntheticRuns.Document("run-a", cells, environment);
    }

    /// <summary>"node-b": no NIC snapshot; native drawn from nic-a's distribution (so the two tie), VXLAN never
    /// measured, native p99 80 µs, and an ipip cell that was skipped.</summary>
    public static ResultsDocument NodeB()
    {
        var environment = SyntheticRuns.Environment() with { Hostname = "node-b", Probe = [] };
        var cells = SyntheticRuns.StreamCells("native", SyntheticRuns.Draw(10, 9.4e9, 0.01, 11), SyntheticRuns.Draw(10, 0.40, 0.02, 12))
            .Concat(SyntheticRuns.RequestResponseCells("native", SyntheticRuns.Draw(10, 80, 0.02, 15), SyntheticRuns.Draw(10, 20000, 0.02, 16)))
            .Append(new CellResult("ipip", Model.Datapaths.DatapathImplementation.Kernel, 1500, "default", TrafficTestNames.TcpStream, 1, 1,
                CellStatus.Skipped, 0, Reason: "no ipip module in this kernel"));
        return SyntheticRuns.Document("run-b", cells, environment);
    }

    public static CompareInput Load(ResultsDocument results, string path) =>
        CompareInputLoader.Parse(JsonSerializer.SerializeToUtf8Bytes(results, ResultsJsonContext.Default.ResultsDocument), path, path, null);

    /// <summary>A fixture through the real loader, <paramref name="argument"/> being <c>NAME</c> or <c>NAME:IFACE</c>.</summary>
    public static CompareInput Fixture(string argument) => CompareInputLoader.Load(CompareFixtures.PathOf(argument));
}
