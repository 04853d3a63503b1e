namespace PerfSuite.LoadGen.Traffic;

/// <summary>A flag workers read in their loops without a memory fence on the fast path; set once to end a side.</summary>
internal sealed class StopSignal
{
    private volatile bool _set;

    public bool IsSet => _set;

    public void Set() => _set = true;
}
