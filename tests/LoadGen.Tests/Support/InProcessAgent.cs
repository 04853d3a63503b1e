using System.Net;
using PerfSuite.LoadGen.Agent;
using PerfSuite.LoadGen.Traffic;

namespace PerfSuite.LoadGen.Tests.Support;

/// <summary>An <see cref="AgentServer"/> running inside the test process on a Unix socket in a temporary directory
/// (or on loopback TCP with a token), stopped and cleaned up on dispose.</summary>
internal sealed class InProcessAgent : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly string _directory;

    private InProcessAgent(AgentServer server, string directory)
    {
        Server = server;
        _directory = directory;
        Running = Task.Run(() => server.RunAsync(_stop.Token));
    }

    public AgentServer Server { get; }
    public Task Running { get; }
    public string SocketPath => Path.Combine(_directory, "agent.sock");

    public static TrafficTimeouts ShortTimeouts { get; } = new()
    {
        FirstTraffic = TimeSpan.FromSeconds(5),
        Tail = TimeSpan.FromSeconds(1),
    };

    public static InProcessAgent Unix(string? netns = null, int dataPort = 0)
    {
        var directory = Directory.CreateTempSubdirectory("ps-agent-").FullName;
        var options = new AgentOptions { Netns = netns, Timeouts = ShortTimeouts, DataPort = dataPort };
        return new InProcessAgent(AgentServer.ListenUnix(Path.Combine(directory, "agent.sock"), options), directory);
    }

    /// <summary>A remote-mode agent on <paramref name="address"/> (loopback by default), inside <paramref name="netns"/> when given.</summary>
    public static InProcessAgent Tcp(string token, string? netns = null, IPAddress? address = null) =>
        Tcp(token, options => options with { Netns = netns }, address);

    /// <summary>A remote-mode agent on loopback (or <paramref name="address"/>) with options changed by <paramref name="change"/>.</summary>
    public static InProcessAgent Tcp(string token, Func<AgentOptions, AgentOptions> change, IPAddress? address = null)
    {
        var directory = Directory.CreateTempSubdirectory("ps-agent-").FullName;
        var options = change(new AgentOptions { Token = token, Timeouts = ShortTimeouts, HelloTimeout = TimeSpan.FromSeconds(2) });
        return new InProcessAgent(AgentServer.ListenTcp(new IPEndPoint(address ?? IPAddress.Loopback, 0), options), directory);
    }

    public Task<AgentClient> ConnectAsync() =>
        AgentClient.ConnectUnixAsync(SocketPath, TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await Running.WaitAsync(TimeSpan.FromSeconds(15));
        }
        finally
        {
            await Server.DisposeAsync();
            _stop.Dispose();
            Directory.Delete(_directory, recursive: true);
        }
    }
}
