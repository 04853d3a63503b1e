namespace PerfSuite.Lab;

/// <summary>How a requested path ended up.</summary>
public enum LabPathStatus
{
    /// <summary>Built and verified (or built, when verification was not asked for).</summary>
    Ready,

    /// <summary>This host cannot build it; <see cref="LabPath.Reason"/> says why. Nothing of it is left.</summary>
    Skipped,

    /// <summary>Built, but verification found it broken; <see cref="LabPath.Reason"/> says what. It stays up so it
    /// can be inspected.</summary>
    Failed,
}
