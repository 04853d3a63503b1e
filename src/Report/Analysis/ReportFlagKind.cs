namespace PerfSuite.Report.Analysis;

/// <summary>What a careful reader must know before trusting a number (issue 5, "Words").</summary>
public enum ReportFlagKind
{
    /// <summary>The run did not finish; the report shows the cells recovered from its journal.</summary>
    Interrupted,
    /// <summary>Cells that failed: shown with their reason, never dropped.</summary>
    Failed,
    /// <summary>Measured goodput above the theoretical ceiling: a wrong line rate, MTU or clock.</summary>
    AboveCeiling,
    /// <summary>Cells that were skipped (a datapath that could not be built here), with the reason.</summary>
    Skipped,
    /// <summary>A pod MTU other than underlay MTU minus the datapath's overhead.</summary>
    PodMtu,
    /// <summary>A path MTU observed on the connection other than the pod MTU.</summary>
    PathMtu,
    /// <summary>A coefficient of variation above 10 %: the repetitions disagree.</summary>
    HighVariation,
    /// <summary>TCP retransmitted segments during the window.</summary>
    Retransmits,
    /// <summary>A userspace substitute for a kernel datapath: its cost is not the kernel's.</summary>
    Userspace,
    /// <summary>/proc/stat categories that do not account for CPUs × window (below 97 % or above 103 %): busy is a
    /// range, not one number (docs/methodology.md "CPU accounting").</summary>
    CpuAccounting,
}
