using System.Diagnostics;

namespace PerfSuite.Report.Tests.Support;

/// <summary>Headless Chromium (the Debian package <c>chromium</c>, which scripts/setup.sh installs as a test
/// package) run as a command: no driver, no protocol client, only its <c>--dump-dom</c> and <c>--screenshot</c>.</summary>
internal static class Chromium
{
    private static readonly string[] Names = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"];

    /// <summary>The first browser found on PATH, or null.</summary>
    public static string? Find()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var name in Names)
        {
            foreach (var dir in path.Split(':', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = Path.Combine(dir, name);
                if (File.Exists(candidate))
                    return candidate;
            }
        }
        return null;
    }

    /// <summary>Runs the browser headless on <paramref name="page"/> with a window of the given size and the extra
    /// arguments; returns its standard output. A profile of its own per call, so that concurrent runs do not share
    /// a lock; no sandbox, because CI runs the tests as root, where Chromium refuses its sandbox.</summary>
    public static string Run(string browser, string page, int width, int height, params string[] arguments)
    {
        var profile = Directory.CreateTempSubdirectory("perfsuite-chromium-");
        try
        {
            var start = new ProcessStartInfo(browser)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[]
            {
                "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run", "--mute-audio",
                "--disable-extensions", "--force-device-scale-factor=1", $"--user-data-dir={profile.FullName}",
                $"--window-size={width},{height}",
            }.Concat(arguments).Append(new Uri(page).AbsoluteUri))
            {
                start.ArgumentList.Add(argument);
            }
            using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {browser}");
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(90)))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{browser} did not finish rendering {page} within 90 s");
            }
            if (process.ExitCode != 0)
                throw new InvalidOperationException($"{browser} exited with {process.ExitCode}: {stderr.Result}");
            return stdout.Result;
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }
}
