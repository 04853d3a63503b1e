namespace PerfSuite.Cli;

/// <summary>Bad input or an unusable environment, detected by a command; becomes exit code 2 and one stderr line.</summary>
public sealed class UsageException(string message) : Exception(message);
