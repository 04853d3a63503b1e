using System.Text.Json;
using PerfSuite.Cli;
using PerfSuite.EndToEnd.Tests.Support;

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
        Assert.Matches(@"\n  1 +\[2\] mlx5-composed.ethtool-i-k.txt:enp59s0f0np0 +6 of 7 on\n", stdout);
        Assert.Matches(@"\n  - +\[4\] vxlan0.ethtool-i-k.txt:vxlan0 +not ranked: vxlan device: no hardware to offload to\n", stdout);
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
}
