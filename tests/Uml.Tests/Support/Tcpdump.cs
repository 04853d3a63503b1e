using System.Diagnostics;

namespace PerfSuite.Uml.Tests.Support;

/// <summary>tcpdump in a network namespace as the independent oracle of what is on a wire: started, waited for
/// until it listens, then read after the traffic with a bounded wait, and killed on dispose whatever happened.</summary>
internal sealed class Tcpdump : IDisposable
{
    private readonly Process _process;
    private readonly Task<string> _stdout;

    private Tcpdump(Process process)
    {
        _process = process;
        _stdout = process.StandardOutput.ReadToEndAsync();
    }

    /// <summary>Captures up to <paramref name="count"/> packets matching <paramref name="filter"/> on
    /// <paramref name="device"/> in <paramref name="netns"/>.</summary>
    public static Tcpdump Start(string netns, string device, int count, string filter)
    {
        var psi = new ProcessStartInfo("ip") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "netns", "exec", netns, "tcpdump", "-i", device, "-n", "-l", "-c", count.ToString(), filter })
            psi.ArgumentList.Add(a);
        var process = Process.Start(psi)!;
        // tcpdump says "listening on DEVICE" on stderr once its socket is bound (after a line about verbosity).
        string? line;
        do
            line = process.StandardError.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(20)).GetAwaiter().GetResult();
        while (line is not null && !line.Contains("listening on", StringComparison.Ordinal));
        if (line is null)
        {
            process.Kill();
            throw new InvalidOperationException($"tcpdump did not start listening in {netns}");
        }
        _ = process.StandardError.ReadToEndAsync();
        return new Tcpdump(process);
    }

    /// <summary>The captured lines once <c>count</c> packets were seen, or what was captured within
    /// <paramref name="timeout"/>.</summary>
    public string Lines(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout))
            _process.Kill();
        _process.WaitForExit();
        return _stdout.Result;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
            _process.Kill();
        _process.Dispose();
    }
}
