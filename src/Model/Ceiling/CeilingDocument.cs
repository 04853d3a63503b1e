using PerfSuite.Model.Json;

namespace PerfSuite.Model.Ceiling;

/// <summary>The JSON form of <c>perfsuite ceiling --format json</c>.</summary>
public sealed record CeilingDocument(
    string Schema,
    double LineRateBps,
    int UnderlayMtu,
    int InnerHeaderBytes,
    bool VlanTagged,
    IReadOnlyList<CeilingRow> Datapaths)
{
    public static CeilingDocument From(CeilingInputs inputs, IReadOnlyList<CeilingResult> results) =>
        new(Schemas.Ceiling, inputs.LineRateBps, inputs.UnderlayMtu, inputs.InnerHeaderBytes, inputs.VlanTagged,
            results.Select(r => new CeilingRow(r.Datapath.Name, r.OverheadBytes, r.PodMtu, r.PayloadBytes, r.WireBytes,
                r.FramesPerSecond, r.GoodputBps, r.Efficiency)).ToList());
}

public sealed record CeilingRow(
    string Path,
    int OverheadBytes,
    int PodMtu,
    int PayloadBytes,
    int WireBytes,
    double FramesPerSecond,
    double GoodputBps,
    double Efficiency);
