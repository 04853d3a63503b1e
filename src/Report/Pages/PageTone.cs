namespace PerfSuite.Report.Pages;

/// <summary>How much attention a piece of a page asks for.</summary>
public enum PageTone
{
    Normal,
    /// <summary>Present but carrying no numbers (a skipped datapath).</summary>
    Muted,
    /// <summary>True, but read it with care (userspace, noisy, retransmits, an MTU off).</summary>
    Warning,
    /// <summary>Wrong or missing: a failure, an impossible number.</summary>
    Problem,
}
