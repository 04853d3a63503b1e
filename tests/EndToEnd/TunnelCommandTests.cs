using PerfSuite.EndToEnd.Tests.Support;

namespace PerfSuite.EndToEnd.Tests;

public sealed class TunnelCommandTests
{
    [Fact]
    public async Task Tunnel_command_is_hidden_from_help()
    {
        var (code, stdout, _) = await CliHost.RunAsync("--help");

        Assert.Equal(0, code);
        Assert.Contains("ceiling", stdout);
        Assert.DoesNotContain("tunnel", stdout);
    }

    [Fact]
    public async Task Tunnel_ipip_help_lists_its_options()
    {
        var (code, stdout, _) = await CliHost.RunAsync("tunnel", "ipip", "--help");

        Assert.Equal(0, code);
        foreach (var option in new[] { "--netns", "--tun", "--local", "--remote", "--mtu" })
            Assert.Contains(option, stdout);
    }

    [Theory]
    [InlineData("--local", "not-an-address", "--remote", "198.18.0.2", "--local must be an IPv4 address")]
    [InlineData("--local", "198.18.0.1", "--remote", "fd00::2", "--remote must be an IPv4 address")]
    public async Task Bad_addresses_are_exit_2_with_one_line(string o1, string v1, string o2, string v2, string expected)
    {
        var (code, _, stderr) = await CliHost.RunAsync("tunnel", "ipip", "--netns", "ps-none", o1, v1, o2, v2);

        Assert.Equal(2, code);
        Assert.Contains(expected, stderr);
        Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task A_missing_namespace_is_exit_2_naming_it()
    {
        Requires.Root("without it the command stops earlier, at the privilege check");

        var (code, _, stderr) = await CliHost.RunAsync("tunnel", "ipip", "--netns", "ps-does-not-exist", "--local", "198.18.0.1", "--remote", "198.18.0.2");

        Assert.Equal(2, code);
        Assert.Equal("perfsuite: no network namespace 'ps-does-not-exist' (see `ip netns list`)", stderr.Trim());
    }

    [Fact]
    public async Task A_required_option_missing_is_exit_2()
    {
        var (code, _, stderr) = await CliHost.RunAsync("tunnel", "ipip", "--netns", "ps-x", "--local", "198.18.0.1");

        Assert.Equal(2, code);
        Assert.Contains("--remote", stderr);
    }
}
