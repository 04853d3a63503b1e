namespace PerfSuite.Model.Json;

/// <summary>Versioned schema identifiers carried by every JSON document PerfSuite writes.</summary>
public static class Schemas
{
    public const string Probe = "perfsuite/probe@1";
    public const string Ceiling = "perfsuite/ceiling@1";
    public const string Results = "perfsuite/results@1";
    /// <summary><c>perfsuite compare --format json</c>: NICs and measured datapaths side by side, with rankings.</summary>
    public const string Compare = "perfsuite/compare@1";
    /// <summary>A lab's state under /run/perfsuite/labs: what it made, so a later run can remove it.</summary>
    public const string Lab = "perfsuite/lab@1";
    /// <summary>The line-per-cell journal a run appends to while it measures (<c>&lt;results&gt;.journal</c>).</summary>
    public const string ResultsJournal = "perfsuite/results-journal@1";
}
