using PerfSuite.Kernel.Processes;
using PerfSuite.Lab;
using PerfSuite.Lab.State;
using PerfSuite.Model.Results;
using PerfSuite.LoadGen.Agent;

namespace PerfSuite.Runner.Testbeds.Lab;

/// <summary>The two agents of one lab path: the server in the receiving pod, the client in the sending one,
/// each recorded with the lab so that a crashed run's agents are stopped by the next <c>lab clean</c>.</summary>
internal sealed class PathAgents(AgentProcess server, AgentProcess client, ILabProcessLedger ledger) : IAsyncDisposable
{
    public AgentProcess Server { get; } = server;

    public AgentProcess Client { get; } = client;

    public bool AnyExited => Server.HasExited || Client.HasExited;

    public static async Task<PathAgents> StartAsync(LabInstance lab, LabPath path, CancellationToken cancel)
    {
        var serverNs = path.Server!.Namespace;
        var clientNs = path.Client!.Namespace;
        var server = await AgentProcess.StartAsync(serverNs, cancel,
            started: pid => lab.Processes.Record(pid, serverNs, $"agent for {path.Name}"));
        try
        {
            var client = await AgentProcess.StartAsync(clientNs, cancel,
                started: pid => lab.Processes.Record(pid, clientNs, $"agent for {path.Name}"));
            return new PathAgents(server, client, lab.Processes);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Pins every thread of the client (sender) and server (receiver) agents to the placement's CPUs; the
    /// worker threads each test starts inherit it. Nothing to do when the placement names no CPUs.</summary>
    public void Place(CpuPlacement? placement)
    {
        if (placement?.Sender is { } sender)
            ProcessAffinity.Pin(Client.Pid, sender);
        if (placement?.Receiver is { } receiver)
            ProcessAffinity.Pin(Server.Pid, receiver);
    }

    /// <summary>Stops both agents and takes them out of the lab's state: a stopped agent is not a process the lab
    /// needs (<see cref="DatapathWatch"/> would take a recorded dead one for a broken path).</summary>
    public async ValueTask DisposeAsync()
    {
        var (client, server) = (Client.Pid, Server.Pid);
        await Client.DisposeAsync();
        ledger.Forget(client);
        await Server.DisposeAsync();
        ledger.Forget(server);
    }
}
