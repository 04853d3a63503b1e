using System.Globalization;
using System.Text.RegularExpressions;
using PerfSuite.EndToEnd.Tests.Support;

namespace PerfSuite.EndToEnd.Tests;

/// <summary>Issue 20, through <c>perfsuite run</c> in remote mode between two namespaces of the test's own: the
/// summary table shows what each test measured, one repetition prints a value and no interval, and every rate has
/// the same number of significant digits.</summary>
// Counts processes and namespaces machine-wide: runs alone, like the other lab and run tests.
[Collection(PerfSuite.EndToEnd.Tests.Lab.LabCollection.Name)]
public sealed partial class RunSummaryByTestTests(ITestOutputHelper log)
{
    private const string Token = "e2e-summary-token";

    [Fact]
    public async Task A_udp_and_crr_run_of_one_repetition_shows_goodput_loss_jitter_and_connections_as_values()
    {
        // Given
        using var hosts = new VethNamespaces();
        await using var agent = await RemoteAgentUnderTest.StartAsync(hosts.B, VethNamespaces.AddressB, Token);

        // When
        var stdout = await Run(hosts, agent, "udp-stream,tcp-crr");

        // Then the table has the columns of these tests and no other
        var (header, row) = Table(stdout);
        foreach (var column in new[] { "conn/s", "UDP Gbit/s", "loss %", "jitter µs" })
            Assert.Contains(column, header, StringComparison.Ordinal);
        foreach (var column in new[] { "% native", "cores/Gbit", "tx/s", "p99 µs", "[interval]" })
            Assert.DoesNotContain(column, header, StringComparison.Ordinal);
        // And every cell of the row holds a value: no dash, no interval around a single sample
        var cells = row.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["host", "kernel", "1500"], cells[..3]);
        Assert.Equal(4, cells.Length - 3);
        Assert.All(cells[3..], c => Assert.Matches(@"^[\d,]+(\.\d+)?$", c));
        Assert.DoesNotContain("[", row, StringComparison.Ordinal);
        Assert.Contains("interval: 1 repetition, no interval", stdout, StringComparison.Ordinal);
        AssertRatesHaveThreeSignificantDigits(stdout);
    }

    [Fact]
    public async Task A_tcp_rr_only_run_has_no_goodput_columns()
    {
        // Given
        using var hosts = new VethNamespaces();
        await using var agent = await RemoteAgentUnderTest.StartAsync(hosts.B, VethNamespaces.AddressB, Token);

        // When
        var stdout = await Run(hosts, agent, "tcp-rr");

        // Then
        var (header, row) = Table(stdout);
        Assert.DoesNotContain("Gbit/s", header, StringComparison.Ordinal);
        Assert.DoesNotContain("% native", header, StringComparison.Ordinal);
        Assert.Matches(@"p99 µs\s+tx/s$", header);
        var cells = row.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(5, cells.Length);
        Assert.DoesNotContain("-", cells);
        Assert.DoesNotContain("interval:", stdout, StringComparison.Ordinal);
        AssertRatesHaveThreeSignificantDigits(stdout);
    }

    private async Task<string> Run(VethNamespaces hosts, RemoteAgentUnderTest agent, string tests)
    {
        var output = Path.Combine(Path.GetTempPath(), $"perfsuite-summary-{Guid.NewGuid():N}.json");
        try
        {
            var result = await CliHost.RunAsync("run", "--peer", $"{VethNamespaces.AddressB}:{agent.EndPoint.Port}", "--token", Token,
                "--netns", hosts.A, "--tests", tests, "--reps", "1", "--duration", "1s", "--warmup", "0.2s", "--out", output);
            log.WriteLine(result.Stdout);
            Assert.True(result.ExitCode == 0, result.Stderr + result.Stdout);
            return result.Stdout.ReplaceLineEndings("\n");
        }
        finally
        {
            File.Delete(output);
        }
    }

    private static (string Header, string Row) Table(string stdout)
    {
        var lines = stdout.Split('\n');
        var header = Array.FindIndex(lines, l => l.StartsWith("path ", StringComparison.Ordinal));
        Assert.True(header >= 0, stdout);
        return (lines[header], lines[header + 1]);
    }

    /// <summary>Every rate printed — bit/s in progress lines, tx/s and conn/s — carries three significant digits:
    /// 1.10 Gbit/s, 8.99 Gbit/s, 924 Mbit/s, 26,400 tx/s.</summary>
    private static void AssertRatesHaveThreeSignificantDigits(string stdout)
    {
        var rates = RateRegex().Matches(stdout).Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(rates);
        Assert.All(rates, r => Assert.True(HasThreeSignificantDigits(r), $"'{r}' does not have three significant digits"));
    }

    private static bool HasThreeSignificantDigits(string number)
    {
        var digits = number.Replace(",", "", StringComparison.Ordinal);
        if (digits.Contains('.', StringComparison.Ordinal))
            return digits.Replace(".", "", StringComparison.Ordinal).TrimStart('0').Length == 3;
        var value = long.Parse(digits, CultureInfo.InvariantCulture);
        var unit = (long)Math.Pow(10, Math.Max(0, digits.Length - 3));
        return digits.Length >= 3 && value % unit == 0;
    }

    [GeneratedRegex(@"([\d,]+(?:\.\d+)?) (?:[kMGT]?bit/s|tx/s|conn/s)")]
    private static partial Regex RateRegex();
}
