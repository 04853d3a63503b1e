namespace PerfSuite.Model.Errors;

/// <summary>An error PerfSuite explains to its user in one line: a missing interface, a missing capability,
/// a kernel without a module. The CLI prints the message and exits with 2; it never shows a stack trace.</summary>
public class PerfSuiteException : Exception
{
    public PerfSuiteException(ErrorReason reason, string message) : base(message) => Reason = reason;

    public PerfSuiteException(ErrorReason reason, string message, Exception inner) : base(message, inner) => Reason = reason;

    public ErrorReason Reason { get; }
}
