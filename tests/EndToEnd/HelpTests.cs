using System.Text.RegularExpressions;
using PerfSuite.EndToEnd.Tests.Support;

namespace PerfSuite.EndToEnd.Tests;

public sealed partial class HelpTests
{
    [Theory]
    [InlineData]
    [InlineData("probe")]
    [InlineData("ceiling")]
    [InlineData("lab")]
    [InlineData("lab", "up")]
    [InlineData("run")]
    [InlineData("report")]
    [InlineData("gate")]
    [InlineData("compare")]
    [InlineData("agent")]
    [InlineData("tune")]
    [InlineData("tune", "rollback")]
    [InlineData("k8s")]
    [InlineData("k8s", "run")]
    [InlineData("k8s", "manifests")]
    public async Task Usage_names_the_command_as_users_type_it(params string[] command)
    {
        // When
        var result = await CliHost.RunAsync([.. command, "--help"]);

        // Then the usage line is "perfsuite <command> …", whatever the host process is called
        Assert.Equal(0, result.ExitCode);
        var usage = result.Stdout.Split('\n').SkipWhile(l => l != "Usage:").Skip(1).First().Trim();
        Assert.StartsWith(string.Join(' ', ["perfsuite", .. command]), usage);
    }

    [Theory]
    [InlineData("probe", "table")]
    [InlineData("ceiling", "table")]
    [InlineData("tune", "table")]
    public async Task Format_default_is_shown_by_the_name_the_option_accepts(string command, string expected)
    {
        var result = await CliHost.RunAsync(command, "--help");

        var line = result.Stdout.Split('\n').Single(l => l.TrimStart().StartsWith("--format", StringComparison.Ordinal));
        Assert.Equal([expected], Defaults().Matches(line).Select(m => m.Groups[1].Value));
    }

    [Fact]
    public async Task An_absent_format_is_the_table()
    {
        var result = await CliHost.RunAsync("ceiling", "--mtu", "1500", "--line-rate", "10g");

        Assert.Equal(0, result.ExitCode);
        Assert.DoesNotContain("{", result.Stdout);
    }

    [GeneratedRegex(@"\[default: ([^\]]+)\]")]
    private static partial Regex Defaults();
}
