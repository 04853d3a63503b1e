using PerfSuite.LoadGen.Cpu;
using PerfSuite.Model.Errors;

namespace PerfSuite.LoadGen.Traffic;

/// <summary>The CPU readings at the two edges of one side's window.</summary>
internal sealed class WindowEdges
{
    private readonly CpuEdgeSampler _sampler = new();
    private CpuEdge? _start;
    private CpuEdge? _end;

    /// <summary>Sleeps until <paramref name="timestamp"/> and reads the opening edge; false if interrupted.</summary>
    public bool OpenAt(long timestamp, params WaitHandle[] interrupt)
    {
        if (!WindowClock.SleepUntil(timestamp, interrupt))
            return false;
        _start = _sampler.Take();
        return true;
    }

    public bool CloseAt(long timestamp, params WaitHandle[] interrupt)
    {
        if (!WindowClock.SleepUntil(timestamp, interrupt))
            return false;
        _end = _sampler.Take();
        return true;
    }

    /// <summary>Reads the closing edge now: the peer ended the test a moment before this side's planned end.</summary>
    public void CloseNow() => _end = _sampler.Take();

    public CpuAccount Account() => _start is not null && _end is not null
        ? CpuAccount.Between(_start, _end)
        : throw new PerfSuiteException(ErrorReason.Failed, "the measurement window did not close");
}
