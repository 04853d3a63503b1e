using System.Net;
using PerfSuite.LoadGen.Traffic;

namespace PerfSuite.LoadGen.Agent;

/// <summary>How an agent serves: its token (remote mode), where data sockets bind, which network namespace they live
/// in, and the limits it enforces on every request.</summary>
public sealed record AgentOptions
{
    /// <summary>Remote mode: the secret a runner proves in hello (challenge-response, <see cref="ControlSeal"/>) and the
    /// session keys derive from; it never crosses the wire.</summary>
    public string? Token { get; init; }

    /// <summary>Network namespace (under /run/netns) for every socket the agent creates; null for its own.</summary>
    public string? Netns { get; init; }

    /// <summary>Address data listeners bind to; null means the control listener's address in remote mode and any
    /// IPv4 address (of the namespace) otherwise.</summary>
    public IPAddress? DataAddress { get; init; }

    /// <summary>Fixed data port (firewalls); 0 lets the kernel choose one per test.</summary>
    public int DataPort { get; init; }

    /// <summary>Remote mode: whether a runner may make this agent send (run-send). Off by default, so that knowing the
    /// token does not make the agent a traffic source aimed at any address; a remote run only needs it to receive.
    /// Lab agents (Unix socket) always may.</summary>
    public bool AllowSend { get; init; }

    /// <summary>Remote mode with <see cref="AllowSend"/>: whether the runner may also aim this agent at its own host
    /// (loopback, unspecified) or at link-local neighbours (<see cref="SendTargets"/>). Off by default.</summary>
    public bool AllowSendLocal { get; init; }

    /// <summary>Remote mode with --allow-lab: the site fleet runners build datapaths and set NIC offloads on
    /// (docs/fleet.md); null refuses every lab request.</summary>
    public Lab.Fleet.FleetSite? Lab { get; init; }

    public TestLimits Limits { get; init; } = TestLimits.Default;
    public TrafficTimeouts Timeouts { get; init; } = TrafficTimeouts.Default;

    /// <summary>Sessions past hello served at once; a runner beyond them is refused with an error line.</summary>
    public int MaxConnections { get; init; } = 8;

    /// <summary>Connections that have not said hello yet, counted apart from <see cref="MaxConnections"/>; a new one
    /// beyond them evicts the oldest (<see cref="ConnectionBudget"/>).</summary>
    public int MaxWaitingConnections { get; init; } = 16;

    /// <summary>How long a session past hello may send nothing, with no reply pending, before it is closed.</summary>
    public TimeSpan SessionIdleTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Time a new connection has to send hello before it is closed.</summary>
    public TimeSpan HelloTimeout { get; init; } = TimeSpan.FromSeconds(10);
}
