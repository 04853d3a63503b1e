using PerfSuite.Model.Errors;

namespace PerfSuite.Lab.Datapaths;

/// <summary>This host cannot run a datapath builder (a missing module or program); the lab tries the next
/// builder or reports the path skipped with this message as the reason.</summary>
public sealed class DatapathUnavailableException(string reason) : PerfSuiteException(ErrorReason.NotSupported, reason);
