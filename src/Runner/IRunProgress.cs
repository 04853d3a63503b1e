using PerfSuite.Model.Results;

namespace PerfSuite.Runner;

/// <summary>What a run tells its user while it goes: phases (building a lab, starting agents), each cell as it
/// starts and ends, with an estimate of the time left.</summary>
public interface IRunProgress
{
    void Phase(string message);

    void CellStarting(RunCellKey cell, int index, int total, TimeSpan remaining);

    void CellFinished(CellResult result, int index, int total);
}

/// <summary>Identifies a cell while it runs.</summary>
public sealed record RunCellKey(string Path, int UnderlayMtu, string Offloads, string Test, int Rep)
{
    public override string ToString() => $"{Path} mtu {UnderlayMtu} {Offloads} {Test} rep {Rep}";
}
