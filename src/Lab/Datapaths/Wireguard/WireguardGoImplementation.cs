using PerfSuite.Lab.Tunnels;
using PerfSuite.Lab.Tunnels.Wireguard;
using PerfSuite.Model.Datapaths;

namespace PerfSuite.Lab.Datapaths.Wireguard;

/// <summary>WireGuard devices carried by <c>wireguard-go</c> where the kernel has no module: one process per node,
/// started in the node's namespace and configured over its UAPI socket; recorded in the lab's state as soon as it
/// runs and stopped when the lab goes down.</summary>
public sealed class WireguardGoImplementation : IWireguardImplementation
{
    public static WireguardGoImplementation Instance { get; } = new();

    public DatapathImplementation Impl => DatapathImplementation.Userspace;

    public string Description => "wireguard-go, configured over its UAPI socket";

    public string? SkipReason() =>
        TunnelCapabilities.DetectTunDevice() is { Available: false } tun ? tun.Reason
        : TunnelCapabilities.DetectWireguardGo() is { Available: false } program ? program.Reason
        : null;

    public async Task CreateAsync(DatapathBuildContext context, LabNode node, WireguardDeviceSpec device)
    {
        var description = $"wireguard-go for {device.Name}";
        var started = await WireguardGoDevice.StartAsync(node.Namespace, device.Name, device.KeyPair, device.ListenPort, device.Peers,
            device.Mtu, device.Address, context.Netlink(node.Namespace),
            started: pid => context.Processes.Record(pid, node.Namespace, description), cancellationToken: context.Cancellation);
        context.Adopt(node.Namespace, started.Pid, description, started);
    }
}
