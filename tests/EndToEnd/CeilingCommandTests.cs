using System.Text.Json;
using PerfSuite.EndToEnd.Tests.Support;

namespace PerfSuite.EndToEnd.Tests;

public sealed class CeilingCommandTests
{
    [Fact]
    public async Task Table_reproduces_RFC6349_at_100_Mbit_without_timestamps()
    {
        var result = await CliHost.RunAsync("ceiling", "--line-rate", "100m", "--no-timestamps");

        Assert.Equal(0, result.ExitCode);
        var native = result.Stdout.Split('\n').Single(l => l.StartsWith("native ", StringComparison.Ordinal));
        Assert.Contains("8,127", native);
        Assert.Contains("94.9 Mbit/s", native); // RFC 6349: 94.928, printed to three significant digits as every rate is
    }

    [Fact]
    public async Task Table_reproduces_RFC6349_frame_rate_at_10_GbE()
    {
        var result = await CliHost.RunAsync("ceiling", "--line-rate", "10g", "--no-timestamps");

        Assert.Contains("812,743", result.Stdout.Split('\n').Single(l => l.StartsWith("native ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Json_is_versioned_and_lists_every_datapath()
    {
        var result = await CliHost.RunAsync("ceiling", "--mtu", "9000", "--format", "json");

        Assert.Equal(0, result.ExitCode);
        using var doc = JsonDocument.Parse(result.Stdout);
        Assert.Equal("perfsuite/ceiling@1", doc.RootElement.GetProperty("schema").GetString());
        var paths = doc.RootElement.GetProperty("datapaths").EnumerateArray().ToList();
        Assert.Equal(["same-node", "host", "native", "ipip", "vxlan", "wireguard", "vxlan+wireguard", "geneve"],
            paths.Select(p => p.GetProperty("path").GetString()));
        var vxlan = paths.Single(p => p.GetProperty("path").GetString() == "vxlan");
        Assert.Equal(8950, vxlan.GetProperty("podMtu").GetInt32());
        Assert.Equal(9.845, Math.Round(vxlan.GetProperty("goodputBps").GetDouble() / 1e9, 3));
    }

    [Theory]
    [InlineData("--mtu", "0")]
    [InlineData("--mtu", "-1500")]
    [InlineData("--line-rate", "0")]
    [InlineData("--line-rate", "-10g")]
    [InlineData("--line-rate", "fast")]
    [InlineData("--format", "xml")]
    [InlineData("--mtu", "60")]
    public async Task Bad_input_exits_2_with_one_line(string option, string value)
    {
        var result = await CliHost.RunAsync("ceiling", option, value);

        Assert.Equal(2, result.ExitCode);
        Assert.Single(result.Stderr.TrimEnd().Split('\n'));
        Assert.StartsWith("perfsuite: ", result.Stderr);
        Assert.DoesNotContain("   at ", result.Stderr);
    }
}
