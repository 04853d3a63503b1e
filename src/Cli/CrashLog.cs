using System.Globalization;
using System.Reflection;

namespace PerfSuite.Cli;

/// <summary>Where an unexpected exception goes, so a user can report it: a new file under the user's state directory
/// (<c>$XDG_STATE_HOME/perfsuite/crashes</c>, by default <c>~/.local/state/perfsuite/crashes</c>), created only if it
/// does not exist (never through a link someone planted), readable by its owner only.</summary>
internal static class CrashLog
{
    private static int _written;

    /// <summary>Writes the log and returns its path, or null when no log could be written.</summary>
    public static string? Write(string[] args, Exception exception)
    {
        if (OperatingSystem.IsWindows())
            return null; // PerfSuite runs on Linux only; this keeps the Unix file modes below legal to call.
        try
        {
            var state = Environment.GetEnvironmentVariable("XDG_STATE_HOME") is { Length: > 0 } xdg
                ? xdg
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "state");
            var directory = Path.Combine(state, "perfsuite", "crashes");
            Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            // The count tells apart two crashes of one process within a second (a command run in-process, by tests).
            var name = string.Create(CultureInfo.InvariantCulture,
                $"{DateTime.UtcNow:yyyyMMdd'T'HHmmss'Z'}-{Environment.ProcessId}-{Interlocked.Increment(ref _written)}.log");
            var path = Path.Combine(directory, name);
            var options = new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            };
            using var writer = new StreamWriter(path, options);
            var version = typeof(CrashLog).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
            writer.WriteLine($"perfsuite {version} crashed at {DateTime.UtcNow:O}");
            writer.WriteLine($"command line: perfsuite {string.Join(' ', args.Select(a => Terminal.Escape(a)))}");
            writer.WriteLine($"kernel: {Environment.OSVersion.VersionString}, .NET {Environment.Version}");
            writer.WriteLine();
            writer.WriteLine(exception.ToString());
            return path;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
