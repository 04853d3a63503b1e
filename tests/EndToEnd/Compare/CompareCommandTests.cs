using System.Text.Json;
using PerfSuite.Cli;
using PerfSuite.EndToEnd.Tests.Support;
using PerfSuite.Model.Results;

namespace PerfSuite.EndToEnd.Tests.Compare;

/// <summary><c>perfsuite compare</c> through <c>PerfSuiteApp.RunAsync</c> on dumps and snapshots of this machine,
/// composed NIC dumps and results files written by the test.</summary>
public sealed class CompareCommandTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"ps-compare-{Guid.NewGuid():N}");

    public CompareCommandTests() => Directory.CreateDirectory(_directory);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "compare", name);

    [Fact]
    public async Task Dumps_and_a_snapshot_print_the_nic_offload_and_ranking_tables()
    {
        // Given this machine's snapshot, two composed NIC dumps and a saved vxlan dump
        var (code, stdout, stderr) = await CliHost.RunAsync("compare", Fixture("host.probe.json"),
            Fixture("mlx5-composed.ethtool-i-k.txt"), Fixture("ixgbe-composed.ethtool-i-k.txt"), Fixture("vxlan0.ethtool-i-k.txt"));

        // Then
        Assert.Equal(ExitCodes.Success, code);
        Assert.Empty(stderr);
        Assert.StartsWith("PerfSuite compare: 4 inputs\n", stdout, StringComparison.Ordinal);
        Assert.Contains("  [2] mlx5-composed.ethtool-i-k.txt:enp59s0f0np0: ethtool -k dump", stdout, StringComparison.Ordinal);
        Assert.Matches(@"\ndriver +virtio_net +mlx5_core +ixgbe +vxlan\n", stdout);
        Assert.Matches(@"\nVXLAN +software +hardware +hardware +software\n", stdout);
        Assert.Matches(@"\n  segmentation \(tx-udp_tnl-segmentation\) +off \[fixed\] +on +on +off \[fixed\]\n", stdout);
        Assert.Contains("WireGuard: no NIC offloads WireGuard", stdout, StringComparison.Ordinal);
        Assert.EndsWith("\noffload coverage  encapsulation offloads in NIC hardware (of 7)  " +
            "1 [2] 6 of 7 on · 2 [3] 4 of 7 on · 3 [1] 2 of 7 on · — [4] vxlan device: no hardware to offload to\n", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_output_is_the_versioned_document()
    {
        var (code, stdout, _) = await CliHost.RunAsync("compare", Fixture("eth0.ethtool-i-k.txt"), Fixture("lo.ethtool-k.txt"), "--format", "json");

        Assert.Equal(ExitCodes.Success, code);
        using var document = JsonDocument.Parse(stdout);
        Assert.Equal("perfsuite/compare@1", document.RootElement.GetProperty("schema").GetString());
        Assert.Equal(["eth0.ethtool-i-k.txt:eth0", "lo.ethtool-k.txt:lo"],
            document.RootElement.GetProperty("columns").EnumerateArray().Select(c => c.GetProperty("label").GetString()));
    }

    [Fact]
    public async Task An_interface_is_picked_with_a_colon()
    {
        var (code, stdout, _) = await CliHost.RunAsync("compare", Fixture("host.probe.json") + ":lo", Fixture("scratch.probe.json") + ":vxlan0");

        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("  [1] vm:lo: probe snapshot", stdout, StringComparison.Ordinal);
        Assert.Contains("  [2] vm:ps-t2cd5e8/vxlan0: probe snapshot", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task One_input_exits_two_with_one_line()
    {
        var (code, stdout, stderr) = await CliHost.RunAsync("compare", Fixture("lo.ethtool-k.txt"));

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Empty(stdout);
        Assert.Equal("perfsuite: compare needs at least two inputs (results, probe snapshots or ethtool -k dumps), not 1\n", stderr);
    }

    [Fact]
    public async Task A_dump_that_does_not_parse_exits_two_naming_the_line()
    {
        // Given a dump whose 6th line was damaged in transit
        var lines = File.ReadAllLines(Fixture("lo.ethtool-k.txt"));
        lines[5] = lines[5].Replace(": ", " = ", StringComparison.Ordinal);
        var damaged = Path.Combine(_directory, "lo-damaged.txt");
        File.WriteAllLines(damaged, lines);

        var (code, stdout, stderr) = await CliHost.RunAsync("compare", Fixture("eth0.ethtool-i-k.txt"), damaged);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Empty(stdout);
        Assert.StartsWith($"perfsuite: {damaged} line 6: '{lines[5].Trim()}' is not a feature line", stderr, StringComparison.Ordinal);
        Assert.Single(stderr.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public async Task A_missing_file_exits_two()
    {
        var missing = Path.Combine(_directory, "nope.txt");

        var (code, _, stderr) = await CliHost.RunAsync("compare", Fixture("lo.ethtool-k.txt"), missing);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Equal($"perfsuite: {missing} does not exist\n", stderr);
    }

    [Fact]
    public async Task With_out_it_writes_the_html_and_markdown_page_and_figures_like_the_report()
    {
        // Given a lab run, the same run as if over a 10 Gbit/s link on another host, and a composed NIC dump
        var lab = WriteResults("lab.json", SampleRun.Lab());
        var wire = SampleRun.WithLineRate(10e9);
        var remote = WriteResults("remote.json", wire with { Environment = wire.Environment with { Hostname = "node-b" } });
        var folder = Path.Combine(_directory, "reports", "lab-vs-b");

        // When
        var (code, stdout, stderr) = await CliHost.RunAsync("compare", lab, remote, Fixture("mlx5-composed.ethtool-i-k.txt"), "--out", folder);

        // Then the console table is printed, and where the page went
        Assert.Equal(ExitCodes.Success, code);
        Assert.Empty(stderr);
        Assert.Contains("Measured (median over repetitions)", stdout, StringComparison.Ordinal);
        Assert.Contains($"report:   {Path.Combine(folder, "index.html")}\n", stdout, StringComparison.Ordinal);
        Assert.Contains($"markdown: {Path.Combine(folder, "report.md")}\n", stdout, StringComparison.Ordinal);

        // The HTML page is self-contained, with the sections and the figures inline
        var html = File.ReadAllText(Path.Combine(folder, "index.html"));
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("<h1>PerfSuite compare: ", html, StringComparison.Ordinal);
        foreach (var section in new[] { "Inputs", "NIC", "Encapsulation offloads", "Measured datapaths", "Rankings", "How to read this" })
            Assert.Contains($">{section}</h2>", html, StringComparison.Ordinal);
        Assert.Contains("<figure id=\"figure-compare-goodput\">", html, StringComparison.Ordinal);
        Assert.Contains("<svg", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
        Assert.Contains("— not a results file", html, StringComparison.Ordinal);

        // The Markdown page refers to the PNGs beside it
        var markdown = File.ReadAllText(Path.Combine(folder, "report.md"));
        Assert.StartsWith("# PerfSuite compare: ", markdown, StringComparison.Ordinal);
        Assert.Contains("![Goodput per datapath](figures/compare-goodput.png)", markdown, StringComparison.Ordinal);
        foreach (var name in new[] { "compare-goodput", "compare-cpu-per-gbit", "compare-p99-latency" })
        {
            var png = File.ReadAllBytes(Path.Combine(folder, "figures", name + ".png"));
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
            Assert.StartsWith("<?xml", File.ReadAllText(Path.Combine(folder, "figures", name + ".svg")), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_existing_report_folder_needs_force()
    {
        var folder = Path.Combine(_directory, "out");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "index.html"), "old");
        string[] args = ["compare", Fixture("eth0.ethtool-i-k.txt"), Fixture("mlx5-composed.ethtool-i-k.txt"), "--out", folder];

        var refused = await CliHost.RunAsync(args);
        var forced = await CliHost.RunAsync([.. args, "--force"]);

        Assert.Equal(ExitCodes.BadInput, refused.ExitCode);
        Assert.Equal($"perfsuite: report folder {folder} already exists; pass --force to overwrite it\n", refused.Stderr);
        Assert.Empty(refused.Stdout);
        Assert.Equal(ExitCodes.Success, forced.ExitCode);
        Assert.StartsWith("<!DOCTYPE html>", File.ReadAllText(Path.Combine(folder, "index.html")), StringComparison.Ordinal);
        // No results, so no figure: the folder holds the two pages and an empty figures folder
        Assert.Empty(Directory.GetFiles(Path.Combine(folder, "figures")));
    }

    private string WriteResults(string name, ResultsDocument document)
    {
        var path = Path.Combine(_directory, name);
        ResultsWriter.WriteAtomic(document, path);
        return path;
    }
}
