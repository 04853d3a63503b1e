using PerfSuite.Kernel.Netlink;
using PerfSuite.Model.Datapaths;

namespace PerfSuite.Lab.Datapaths.Wireguard;

/// <summary>
/// WireGuard devices of the kernel's <c>wireguard</c> module, as <c>ip link add … type wireguard</c> and
/// <c>wg setconf</c> make them: the link over rtnetlink, then key, port and peers in one WG_CMD_SET_DEVICE over
/// generic netlink, from a socket in the node's namespace (the family acts on the devices of the socket's
/// namespace). Without the module creating the link fails with <c>KernelModuleMissingException</c> and the lab tries
/// the next implementation.
/// </summary>
public sealed class KernelWireguardImplementation : IWireguardImplementation
{
    public static KernelWireguardImplementation Instance { get; } = new();

    public DatapathImplementation Impl => DatapathImplementation.Kernel;

    public string Description => "kernel wireguard, configured over generic netlink";

    public string? SkipReason() => null;

    public Task CreateAsync(DatapathBuildContext context, LabNode node, WireguardDeviceSpec device)
    {
        var client = context.Netlink(node.Namespace);
        client.AddWireguard(new LinkSettings(device.Name, device.Mtu));
        using (var genl = GenericNetlinkClient.Open(node.Namespace))
        {
            var family = genl.ResolveFamily(WgGenl.FamilyName);
            genl.Request(WireguardNetlinkMessages.SetDevice(family, client.IndexOf(device.Name), device.KeyPair, device.ListenPort, device.Peers),
                $"configuring WireGuard device '{device.Name}' (private key, port {device.ListenPort}, {device.Peers.Count} peer(s))");
        }
        client.AddAddress(device.Name, device.Address.Address, device.Address.PrefixLength);
        client.SetLink(device.Name, up: true);
        return Task.CompletedTask;
    }
}
