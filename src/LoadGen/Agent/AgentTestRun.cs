using System.Net;
using PerfSuite.LoadGen.Traffic;
using PerfSuite.Model.Errors;

namespace PerfSuite.LoadGen.Agent;

/// <summary>Runs one test between two agents: prepare-receive on one, run-send on the other towards
/// <c>receiverAddress</c>, then both results. If either side fails, the other is stopped and the failure is thrown,
/// so the runner records the cell as failed with that reason and goes on.</summary>
public static class AgentTestRun
{
    public static async Task<TestOutcome> RunAsync(AgentClient receiver, AgentClient sender, TestSpec spec,
        IPAddress receiverAddress, CancellationToken cancel, string? receiverNetns = null, string? senderNetns = null)
    {
        var prepared = await receiver.PrepareReceiveAsync(spec, null, cancel, receiverNetns);
        try
        {
            await sender.RunSendAsync(spec, new IPEndPoint(receiverAddress, prepared.Port), cancel, senderNetns);
        }
        catch (PerfSuiteException)
        {
            await StopQuietly(receiver);
            throw;
        }
        var wait = TimeSpan.FromSeconds(spec.WarmupSeconds + spec.DurationSeconds) + TimeSpan.FromSeconds(40);
        var receiving = receiver.ResultsAsync(wait, cancel);
        var sending = sender.ResultsAsync(wait, cancel);
        // The first side to fail is the cause, and the other is stopped at once rather than left to run its course
        // (a fleet agent fails its side as soon as its datapath breaks); the other side's failure is its consequence —
        // except that an agent whose connection was lost (it died) is the cause even when the other side, whose stream
        // it broke, reported first.
        var pending = new List<Task<SideResult>> { receiving, sending };
        while (pending.Count > 0)
        {
            var done = await Task.WhenAny(pending);
            pending.Remove(done);
            if (done.IsCompletedSuccessfully)
                continue;
            // Cancelled (Ctrl-C, SIGTERM): the run is ending and its testbed stops the agents; a stop request here would
            // wait, without a deadline, on a connection whose read was just abandoned.
            if (cancel.IsCancellationRequested)
                await done;
            await StopQuietly(receiver);
            await StopQuietly(sender);
            foreach (var other in pending)
            {
                try
                {
                    await other;
                }
                catch (PerfSuiteException e) when (e.Reason == ErrorReason.Io && done.Exception?.InnerException is not PerfSuiteException { Reason: ErrorReason.Io })
                {
                    throw;
                }
                catch (Exception e) when (e is PerfSuiteException or OperationCanceledException)
                {
                    // A consequence of the first failure.
                }
            }
            await done;
        }
        return new TestOutcome(await sending, await receiving);
    }

    private static async Task StopQuietly(AgentClient agent)
    {
        try
        {
            await agent.StopAsync(CancellationToken.None);
        }
        catch (PerfSuiteException)
        {
            // A dead agent has nothing to stop.
        }
    }
}
