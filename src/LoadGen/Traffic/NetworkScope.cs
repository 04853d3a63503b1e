using System.Net.Sockets;
using PerfSuite.Kernel.Namespaces;
using PerfSuite.Model.Errors;

namespace PerfSuite.LoadGen.Traffic;

/// <summary>Where an engine's sockets live: the agent's own network namespace, or a named one (<c>--netns</c>).
/// A socket belongs to the namespace of the thread that created it, whichever thread uses it later, so only
/// creation goes through here.</summary>
public sealed class NetworkScope
{
    public static NetworkScope Host { get; } = new(null);

    private NetworkScope(string? netns) => Namespace = netns;

    /// <summary>The namespace's name under /run/netns; null for the agent's own.</summary>
    public string? Namespace { get; }

    public static NetworkScope Of(string? netns)
    {
        if (netns is null)
            return Host;
        NetworkNamespace.Validate(netns);
        if (!NetworkNamespace.Exists(netns))
            throw new PerfSuiteException(ErrorReason.NotFound, $"no network namespace '{netns}' (see `ip netns list`)");
        return new NetworkScope(netns);
    }

    public Socket CreateSocket(AddressFamily family, SocketType type, ProtocolType protocol) =>
        NetworkNamespace.Run(Namespace, () => new Socket(family, type, protocol));

    /// <summary>Runs a body that creates sockets as it goes (tcp-crr opens one per transaction) inside the scope.</summary>
    public void Run(Action body) => NetworkNamespace.Run(Namespace, body);

    public override string ToString() => Namespace ?? NetworkNamespace.HostName;
}
