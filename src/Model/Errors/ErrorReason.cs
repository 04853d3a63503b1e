namespace PerfSuite.Model.Errors;

/// <summary>Why an operation failed, so callers can decide without parsing messages.</summary>
public enum ErrorReason
{
    Failed,
    NotFound,
    PermissionDenied,
    NotSupported,
    InvalidArgument,
    Busy,
    Io,
    Timeout,
    Protocol,
}
