namespace PerfSuite.Cli;

/// <summary>Exit codes shared by every command (DESIGN.md, "Command line").</summary>
public static class ExitCodes
{
    public const int Success = 0;
    /// <summary>A gate found a regression, or a check failed.</summary>
    public const int CheckFailed = 1;
    /// <summary>Bad input or environment: one line on stderr, no stack trace.</summary>
    public const int BadInput = 2;
    /// <summary>The gate cannot decide: too noisy or too few repetitions.</summary>
    public const int Inconclusive = 3;
    /// <summary>An unexpected failure inside PerfSuite (EX_SOFTWARE of sysexits.h): one line on stderr naming the
    /// crash log, which has the stack trace to report.</summary>
    public const int Software = 70;
}
