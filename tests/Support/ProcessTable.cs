using System.Text;

namespace PerfSuite.Tests.Support;

/// <summary>The processes running now as /proc shows them, read independently of what PerfSuite recorded: the oracle
/// for "no agent, tunnel or wireguard-go left behind". Zombies (ended, waiting to be reaped) do not count, and a
/// process that ends while the table is read is left out.</summary>
public static class ProcessTable
{
    /// <summary>One process: its pid and <c>/proc/PID/cmdline</c> split at its NULs.</summary>
    public sealed record Entry(int Pid, IReadOnlyList<string> Arguments)
    {
        public string CommandLine => string.Join(' ', Arguments);

        public override string ToString() => $"{Pid}: {CommandLine}";
    }

    public static List<Entry> Live()
    {
        var found = new List<Entry>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid))
                continue;
            string[] arguments;
            string stat;
            try
            {
                arguments = Encoding.UTF8.GetString(File.ReadAllBytes($"/proc/{pid}/cmdline")).Split('\0', StringSplitOptions.RemoveEmptyEntries);
                stat = File.ReadAllText($"/proc/{pid}/stat");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue;
            }
            // The state follows the command name, which is in parentheses and may itself hold ')' (proc_pid_stat(5)).
            if (stat[(stat.LastIndexOf(')') + 2)..].StartsWith('Z'))
                continue;
            found.Add(new Entry(pid, arguments));
        }
        return found;
    }

    /// <summary>The live processes whose arguments satisfy <paramref name="match"/>, by pid.</summary>
    public static List<Entry> Where(Func<IReadOnlyList<string>, bool> match) =>
        Live().Where(e => match(e.Arguments)).OrderBy(e => e.Pid).ToList();
}
