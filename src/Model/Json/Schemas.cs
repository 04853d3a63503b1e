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
    /// <summary><c>perfsuite tune --format json</c>: the findings for one network namespace, and what was applied.</summary>
    public const string Tune = "perfsuite/tune@1";
    /// <summary>The line-per-change journal <c>perfsuite tune --apply</c> writes before each change, which
    /// <c>perfsuite tune rollback</c> replays backwards.</summary>
    public const string TuneJournal = "perfsuite/tune-journal@1";
    /// <summary><c>perfsuite tune rollback --format json</c>: what was restored.</summary>
    public const string TuneRollback = "perfsuite/tune-rollback@1";
}
