using PerfSuite.Uml.Tests.Support;

namespace PerfSuite.Uml.Tests;

/// <summary>scripts/uml-run, the harness the UML tests run in, checked from the host: it forwards what the command
/// prints and its exit code, kills UML when the timeout runs out and leaves nothing running, and keeps the host's
/// /run and /tmp out of reach.</summary>
public sealed class UmlRunHarnessTests
{
    [Fact]
    public void Forwards_the_commands_stdout_stderr_and_exit_code_from_inside_UML()
    {
        // Given
        UmlRun.RequireHost();

        // When
        var result = UmlRun.Run("--timeout", "60", "sh", "-c", "echo out; echo err >&2; uname -r; exit 7");

        // Then: it ran in UML's kernel, not this one
        Assert.Equal(7, result.ExitCode);
        Assert.Equal($"out\n{UmlRun.KernelRelease}\n", result.Stdout);
        Assert.Equal("err\n", result.Stderr);
        Assert.Empty(UmlRun.ProcessesMarked(result.Mark));
    }

    [Fact]
    public void Kills_UML_with_everything_it_started_when_the_timeout_runs_out()
    {
        // Given
        UmlRun.RequireHost();

        // When the command would run for 10 minutes, with a child of its own
        var result = UmlRun.Run("--timeout", "10", "sh", "-c", "echo started; sleep 600 & sleep 600");

        // Then
        Assert.Equal(124, result.ExitCode);
        Assert.Equal("started\n", result.Stdout);
        Assert.Contains("uml-run: timed out after 10s; UML was killed", result.Stderr, StringComparison.Ordinal);
        Assert.InRange(result.Elapsed, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(40));
        Assert.Empty(UmlRun.ProcessesMarked(result.Mark));
    }

    [Fact]
    public async Task UML_ends_by_itself_shortly_after_the_timeout_when_uml_run_is_killed_outright()
    {
        // Given a run whose command would take 10 minutes, started and printing
        UmlRun.RequireHost();
        var (process, mark) = UmlRun.Start("--timeout", "8", "sh", "-c", "echo started; sleep 600");
        using (process)
        {
            var cancellation = TestContext.Current.CancellationToken;
            var line = await process.StandardOutput.ReadLineAsync(cancellation).AsTask().WaitAsync(TimeSpan.FromSeconds(60), cancellation);
            if (line != "started")
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"uml-run printed '{line}' first; stderr: {await process.StandardError.ReadToEndAsync(cancellation)}");
            }

            // When uml-run itself gets SIGKILL (nothing of it can clean up)
            process.Kill(entireProcessTree: false);
            await process.WaitForExitAsync(cancellation);
        }

        // Then UML's own deadline (timeout + 10 s) powers it off, and the output followers end with uml-run
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(45);
        while (UmlRun.ProcessesMarked(mark).Count > 0 && DateTime.UtcNow < deadline)
            await Task.Delay(500, TestContext.Current.CancellationToken);
        var left = UmlRun.ProcessesMarked(mark);
        foreach (var pid in left)
            Shell.TryRun("kill", "-KILL", pid.ToString());
        Assert.Empty(left);
    }

    [Fact]
    public void Inside_UML_run_and_tmp_are_fresh_so_the_hosts_namespaces_and_labs_are_never_touched()
    {
        // Given a marker the command writes where the host keeps its namespaces and labs
        UmlRun.RequireHost();
        var name = "ps-umlmark-" + Guid.NewGuid().ToString("N")[..8];

        // When
        var result = UmlRun.Run("--timeout", "60", "sh", "-c",
            $"ls -A /run/netns /run/perfsuite 2>&1; ip netns add {name} && touch /tmp/{name} && ls /run/netns");

        // Then UML saw none of the host's and the host sees none of UML's
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("cannot access '/run/netns': No such file or directory", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("cannot access '/run/perfsuite': No such file or directory", result.Stdout, StringComparison.Ordinal);
        Assert.EndsWith($"{name}\n", result.Stdout, StringComparison.Ordinal);
        Assert.False(File.Exists($"/run/netns/{name}"));
        Assert.False(File.Exists($"/tmp/{name}"));
    }

    [Fact]
    public void Loads_kernel_modules_on_demand_from_the_uml_module_tree()
    {
        // Given: this machine's kernel makes no dummy, geneve or netem; UML's kernel loads them when asked for, and tun
        // when /dev/net/tun is opened
        UmlRun.RequireHost();

        // When
        var result = UmlRun.Run("--timeout", "60", "sh", "-c",
            "ip link add d0 type dummy && ip link add g0 type geneve id 1 remote 198.18.0.2 && tc qdisc add dev d0 root netem delay 1ms"
            + " && ip tuntap add t0 mode tun && grep -oE '^(dummy|geneve|sch_netem|tun) ' /proc/modules | sort");

        // Then
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("dummy \ngeneve \nsch_netem \ntun \n", result.Stdout);
    }

    [Fact]
    public void Says_why_and_exits_125_when_a_requested_module_cannot_be_loaded()
    {
        UmlRun.RequireHost();

        var result = UmlRun.Run("--timeout", "60", "--modules", "ipv6,nosuchmodule", "true");

        Assert.Equal(125, result.ExitCode);
        Assert.Contains("uml-run: cannot load module nosuchmodule", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--timeout", "0")]
    [InlineData("--timeout", "soon")]
    [InlineData("--mem", "lots")]
    [InlineData("--vec", "ifname=eth0")]
    [InlineData("--vec", "transport=raw,ifname=eth0;reboot")]
    [InlineData("--bogus", "x")]
    public void Refuses_bad_arguments_with_one_line_and_exit_code_2(string option, string value)
    {
        var result = UmlRun.Run(option, value, "true");

        Assert.Equal(2, result.ExitCode);
        Assert.Single(result.Stderr.TrimEnd('\n').Split('\n'));
        Assert.StartsWith("uml-run: ", result.Stderr, StringComparison.Ordinal);
    }
}
