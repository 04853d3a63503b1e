using System.Net;
using PerfSuite.Kernel.Namespaces;
using PerfSuite.Model.Results;
using PerfSuite.Probe.Snapshots;

namespace PerfSuite.Probe.Host;

/// <summary>One host's side of a remote run: its environment (kernel, CPU, memory, the sysctls of the namespace the
/// traffic runs in, the probe snapshot of the interfaces it crosses) and the route the traffic takes.</summary>
public sealed record HostEnvironment(RunEnvironment Environment, TrafficRoute? Route)
{
    /// <summary>Reads the environment of namespace <paramref name="netns"/> (null: the caller's own). With a
    /// <paramref name="peer"/>, the interfaces probed are those of the route to it; without, every interface.</summary>
    public static HostEnvironment Read(string? netns, IPAddress? peer)
    {
        var route = peer is null ? null : TrafficRoute.To(peer, netns);
        var probe = InterfaceProber.Probe(netns, route?.Devices ?? []);
        // Most net.* sysctls are per namespace: read them from inside the one the traffic runs in.
        var environment = NetworkNamespace.Run(netns, () => RunEnvironmentReader.Read([probe]));
        return new HostEnvironment(environment with { TrafficInterface = route?.Interface }, route);
    }
}
