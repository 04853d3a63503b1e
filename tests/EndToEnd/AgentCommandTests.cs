using PerfSuite.EndToEnd.Tests.Support;

namespace PerfSuite.EndToEnd.Tests;

public sealed class AgentCommandTests
{
    [Theory]
    [InlineData(new string[0], "exactly one of --control")]
    [InlineData(new[] { "--control", "/tmp/x.sock", "--listen", "127.0.0.1:0", "--token", "t" }, "exactly one of --control")]
    [InlineData(new[] { "--listen", "127.0.0.1:7000" }, "--listen needs --token")]
    [InlineData(new[] { "--listen", "localhost:7000", "--token", "t" }, "--listen wants ADDR:PORT")]
    [InlineData(new[] { "--control", "/tmp/x.sock", "--token", "t" }, "--token is for --listen")]
    [InlineData(new[] { "--listen", "127.0.0.1:0", "--token", "short-token" }, "at least 16")]
    [InlineData(new[] { "--control", "/tmp/x.sock", "--data-port", "70000" }, "--data-port must be")]
    [InlineData(new[] { "--control", "/tmp/x.sock", "--data-address", "nope" }, "--data-address")]
    [InlineData(new[] { "--control", "/tmp/x.sock", "--max-duration", "0" }, "--max-duration")]
    [InlineData(new[] { "--control", "/tmp/x.sock", "--allow-send" }, "--allow-send is for --listen")]
    [InlineData(new[] { "--control", "/tmp/x.sock", "--netns", "../etc" }, "not a valid network namespace name")]
    [InlineData(new[] { "--control", "/tmp/x.sock", "--netns", "ps-no-such-namespace" }, "no network namespace")]
    public async Task Bad_arguments_exit_2_with_one_line(string[] args, string message)
    {
        var result = await CliHost.RunAsync(["agent", .. args]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Stderr);
        Assert.Single(result.Stderr.Trim().Split('\n'));
    }

    [Fact]
    public async Task A_port_in_use_is_bad_input_with_a_reason()
    {
        using var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        var port = ((System.Net.IPEndPoint)taken.LocalEndpoint).Port;

        var result = await CliHost.RunAsync("agent", "--listen", $"127.0.0.1:{port}", "--token", "a-token-long-enough-0123");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("in use", result.Stderr);
    }
}
