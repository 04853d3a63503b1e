using System.Net;
using PerfSuite.LoadGen.Agent;
using PerfSuite.LoadGen.Tests.Support;
using PerfSuite.LoadGen.Traffic;
using PerfSuite.Model.Errors;

namespace PerfSuite.LoadGen.Tests.Agent;

public sealed class AgentProcessTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_perfsuite_agent_process_serves_a_test_and_shuts_down_on_request()
    {
        // Given a real `perfsuite agent --control PATH` process and an in-process agent as its peer
        var directory = Directory.CreateTempSubdirectory("ps-agent-").FullName;
        try
        {
            var path = Path.Combine(directory, "agent.sock");
            await using var process = await AgentProcessUnderTest.StartAsync("--control", path);
            await using var peer = InProcessAgent.Unix();
            await using var remote = await AgentClient.ConnectUnixAsync(path, TimeSpan.FromSeconds(5), Cancel);
            await using var local = await peer.ConnectAsync();

            // When the process is the receiver of a tcp-stream test
            var outcome = await AgentTestRun.RunAsync(remote, local, AgentOverUnixSocketTests.LoopbackSpec(TestKind.TcpStream),
                IPAddress.Loopback, Cancel);

            // Then it measured, it is who it says, and a shutdown request ends it cleanly and removes its socket
            Assert.Equal($"perfsuite agent listening on unix:{path} (pid {process.Pid})", process.ReadyLine);
            Assert.Equal(process.Pid, remote.Info.Pid);
            Assert.True(outcome.GoodputBps > 0);
            Assert.True(outcome.Receiver.Cpu.Process.UserSeconds + outcome.Receiver.Cpu.Process.SystemSeconds > 0);
            await remote.ShutdownAsync(Cancel);
            Assert.Equal(0, await process.WaitForExitAsync(TimeSpan.FromSeconds(15)));
            Assert.False(File.Exists(path));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Sigterm_ends_the_agent_cleanly_and_removes_its_socket()
    {
        var directory = Directory.CreateTempSubdirectory("ps-agent-").FullName;
        try
        {
            // Given a running agent process
            var path = Path.Combine(directory, "agent.sock");
            await using var process = await AgentProcessUnderTest.StartAsync("--control", path);
            Assert.True(File.Exists(path));

            // When it gets SIGTERM
            using (var kill = System.Diagnostics.Process.Start("kill", ["-TERM", process.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
                await kill.WaitForExitAsync(Cancel);

            // Then it exits with 0 and leaves no socket behind
            Assert.Equal(0, await process.WaitForExitAsync(TimeSpan.FromSeconds(15)));
            Assert.False(File.Exists(path));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task An_agent_killed_mid_test_fails_the_test_with_a_reason_and_the_peer_recovers()
    {
        // Given a remote-mode agent process (token, loopback, port chosen by the kernel) receiving a 3 s test
        await using var process = await AgentProcessUnderTest.StartAsync("--listen", "127.0.0.1:0", "--token", "t0ken-long-enough-01");
        var endPoint = IPEndPoint.Parse(process.ReadyLine.Split(' ')[4].Replace("tcp:", "", StringComparison.Ordinal));
        await using var peer = InProcessAgent.Unix();
        await using var remote = await AgentClient.ConnectTcpAsync(endPoint, "t0ken-long-enough-01", TimeSpan.FromSeconds(5), Cancel);
        await using var local = await peer.ConnectAsync();
        var spec = new TestSpec(TestKind.TcpStream, DurationSeconds: 3, WarmupSeconds: 0.2);
        var run = AgentTestRun.RunAsync(remote, local, spec, IPAddress.Loopback, Cancel);

        // When the agent process dies during the window
        await Task.Delay(TimeSpan.FromSeconds(1), Cancel);
        process.Kill();

        // Then the run fails with a reason instead of hanging, and the surviving agent can run the next test
        var e = await Assert.ThrowsAsync<PerfSuiteException>(() => run.WaitAsync(TimeSpan.FromSeconds(30), Cancel));
        Assert.False(string.IsNullOrWhiteSpace(e.Message));
        Assert.Null(await Record.ExceptionAsync(async () =>
            await local.PrepareReceiveAsync(AgentOverUnixSocketTests.LoopbackSpec(TestKind.TcpRr), IPAddress.Loopback, Cancel)));
        Assert.True(await local.StopAsync(Cancel));
    }

    [Fact]
    public async Task An_agent_exits_when_its_owner_is_killed_with_SIGKILL_even_during_a_test()
    {
        var directory = Directory.CreateTempSubdirectory("ps-agent-").FullName;
        using var owner = System.Diagnostics.Process.Start("sleep", "600");
        try
        {
            // Given an agent owned by another process and sending a long test to an in-process receiver
            var path = Path.Combine(directory, "agent.sock");
            var identity = PerfSuite.Kernel.Processes.ProcessIdentity.Of(owner.Id)!;
            await using var process = await AgentProcessUnderTest.StartAsync("--control", path, "--owner", identity.ToArgument());
            await using var peer = InProcessAgent.Unix();
            await using var sender = await AgentClient.ConnectUnixAsync(path, TimeSpan.FromSeconds(5), Cancel);
            await using var receiver = await peer.ConnectAsync();
            var spec = new TestSpec(TestKind.TcpStream, DurationSeconds: 60, WarmupSeconds: 0.2);
            var run = AgentTestRun.RunAsync(receiver, sender, spec, IPAddress.Loopback, Cancel);
            await Task.Delay(TimeSpan.FromSeconds(1), Cancel);
            Assert.False(process.HasExited);

            // When the owner dies by SIGKILL, which lets it run no cleanup
            owner.Kill();
            await owner.WaitForExitAsync(Cancel);

            // Then the agent ends on its own (the bound is generous: a hang, not a speed, is what fails here)
            await process.WaitForExitAsync(TimeSpan.FromSeconds(30));
            Assert.True(process.HasExited);
            await Assert.ThrowsAnyAsync<Exception>(() => run.WaitAsync(TimeSpan.FromSeconds(60), Cancel));
        }
        finally
        {
            if (!owner.HasExited)
                owner.Kill();
            Directory.Delete(directory, recursive: true);
        }
    }

    [Theory]
    [InlineData("1")]
    [InlineData("x:1")]
    [InlineData("-5:1")]
    [InlineData("1:")]
    [InlineData("2147483648:1")]
    public void An_agent_refuses_an_owner_that_is_not_PID_colon_STARTTIME(string owner)
    {
        var (code, _, stderr) = Shell.TryRun(BuiltCli.CommandLine()[0], [.. BuiltCli.CommandLine()[1..], "agent", "--control", "/tmp/ps-owner-test.sock", "--owner", owner]);
        Assert.Equal(2, code);
        Assert.Contains("--owner", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void An_agent_refuses_an_owner_that_is_not_running()
    {
        // A start time no live process has: pid 1 started at boot, long before tick 2^62.
        var (code, _, stderr) = Shell.TryRun(BuiltCli.CommandLine()[0], [.. BuiltCli.CommandLine()[1..], "agent", "--control", "/tmp/ps-owner-test.sock", "--owner", "1:4611686018427387904"]);
        Assert.Equal(2, code);
        Assert.Contains("not running", stderr, StringComparison.Ordinal);
    }
}
