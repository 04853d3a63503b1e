namespace PerfSuite.Tune.Findings;

public enum RiskLevel
{
    /// <summary>Takes effect at once and is undone cleanly; nothing in flight is disturbed.</summary>
    Low,

    /// <summary>May disturb traffic briefly (a driver reset) or trade latency or memory for throughput.</summary>
    Medium,

    /// <summary>Can break connectivity if the assumption behind it is wrong.</summary>
    High,
}
