
using PerfSuite.Lab.State;
using PerfSuite.LoadGen.Agent;

namespace PerfSuite.EngineComparison;

/// <summary>Everything that serves one lab path during the comparison: PerfSuite's two agents (client pod, server
/// pod) and the reference servers in the server pod (iperf3 -s, sockperf sr), all recorded with the lab.</summary>
public sealed class PathUnderTest : IAsyncDisposable
{
    public const int Iperf3Port = 5201;
    public const int SockperfPort = 11111;

    private readonly List<IAsyncDisposable> _agents = [];
    private NamespaceProcess? _iperf3Server;
    private NamespaceProcess? _sockperfServer;

    private PathUnderTest(LabPathEnds ends) => Ends = ends;

    public LabPathEnds Ends { get; }

    public AgentProcess ServerAgent { get; private set; } = null!;

    public AgentProcess ClientAgent { get; private set; } = null!;

    /// <summary>The iperf3 server's process, whose CPU is iperf3's receiving side.</summary>
    public int Iperf3ServerPid => _iperf3Server!.Pid;

    public static async Task<PathUnderTest> StartAsync(LabPathEnds ends, LabRecorder lab, CancellationToken cancel)
    {
        var path = new PathUnderTest(ends);
        try
        {
            path.ServerAgent = await path.StartAgentAsync(ends.ServerNamespace, lab, cancel);
            path.ClientAgent = await path.StartAgentAsync(ends.ClientNamespace, lab, cancel);
            var address = ends.ServerAddress.ToString();
            path._iperf3Server = await NamespaceProcess.StartServerAsync(ends.ServerNamespace, "iperf3",
                ["-s", "-B", address, "-p", $"{Iperf3Port}"], Iperf3Port, lab, cancel);
            path._sockperfServer = await NamespaceProcess.StartServerAsync(ends.ServerNamespace, "sockperf",
                ["sr", "--tcp", "-i", address, "-p", $"{SockperfPort}"], SockperfPort, lab, cancel);
            return path;
        }
        catch
        {
            await path.DisposeAsync();
            throw;
        }
    }

    private async Task<AgentProcess> StartAgentAsync(string netns, LabRecorder lab, CancellationToken cancel)
    {
        var agent = await AgentProcess.StartAsync(netns, cancel, started: pid => lab.Record(pid, netns, "agent for bench/compare-engines"));
        _agents.Add(agent);
        return agent;
    }

    public async ValueTask DisposeAsync()
    {
        _iperf3Server?.Dispose();
        _sockperfServer?.Dispose();
        foreach (var agent in _agents)
            await agent.DisposeAsync();
    }
}
