using PerfSuite.Kernel.Processes;
using PerfSuite.LoadGen.Agent;

namespace PerfSuite.LoadGen.Tests.Agent;

/// <summary>A runner learns an agent's pid the moment the process exists, so it can record it before anything else can
/// go wrong (issue 19: every process a run starts is recorded before it runs unrecorded).</summary>
public sealed class AgentProcessRecordingTests
{
    [Fact]
    public async Task The_pid_is_reported_while_the_agent_is_still_starting_even_when_it_never_becomes_ready()
    {
        // Given an "agent" that never says it is ready
        var neverReady = new PerfSuiteExecutable("/bin/sh", ["-c", "exec sleep 60", "agent"]);
        var directory = Directory.CreateTempSubdirectory("ps-h2-agent-").FullName;
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var reported = new List<(int Pid, bool Alive)>();
        try
        {
            // When it is started, and the start is abandoned as soon as its pid is known
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => AgentProcess.StartAsync(null, cancel.Token, neverReady,
                Path.Combine(directory, "agent.sock"), pid =>
                {
                    reported.Add((pid, ProcessIdentity.Of(pid) is not null));
                    cancel.Cancel();
                }));

            // Then the pid was reported while the process ran, and the abandoned process is gone
            var (pid, alive) = Assert.Single(reported);
            Assert.True(alive);
            Assert.Null(ProcessIdentity.Of(pid));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
