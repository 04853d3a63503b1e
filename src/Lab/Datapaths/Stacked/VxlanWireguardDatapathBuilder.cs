using System.Net;
using PerfSuite.Lab.Datapaths.Vxlan;
using PerfSuite.Lab.Datapaths.Wireguard;
using PerfSuite.Lab.Tunnels;
using PerfSuite.Model.Datapaths;

namespace PerfSuite.Lab.Datapaths.Stacked;

/// <summary>
/// VXLAN whose underlay runs through WireGuard (110 bytes at 1500: pods 1390): a WireGuard device per node with
/// address 198.19.0.N/24, MTU underlay − 60, the other node its peer with allowed IPs its /32 there; and Flannel's
/// <c>flannel.1</c> (<see cref="VxlanDatapathBuilder.AddFlannelVxlan"/>) with that address as local VTEP and the
/// WireGuard device as its underlay, so the VXLAN UDP between 198.19.0.1 and .2 is encrypted and the underlay wire
/// shows only WireGuard's UDP. Built over the kernel module or wireguard-go (<paramref name="implementation"/>).
/// </summary>
public sealed class VxlanWireguardDatapathBuilder(IWireguardImplementation implementation) : IDatapathBuilder
{
    /// <summary>Device <c>ps-LAB-vwN</c> on node N, distinct from the wireguard path's devices in the same lab.</summary>
    public const string DeviceNamePrefix = "vw";

    public Datapath Datapath => Datapath.VxlanWireguard;

    public DatapathImplementation Impl => implementation.Impl;

    public string Description =>
        $"Flannel-style {VxlanDatapathBuilder.Device} (VNI {VxlanDatapathBuilder.Vni}, UDP {VxlanDatapathBuilder.Port}) with its VTEPs on 198.19.0.N of a WireGuard device per node ({implementation.Description}), UDP {WireguardMesh.ListenPort} on the underlay";

    public string? SkipReason() => implementation.SkipReason();

    public ClusterShape Shape(LabSpec spec) => new(Nodes: 2, spec.PodsPerNode);

    public async Task<BuiltDatapath> BuildAsync(DatapathBuildContext context)
    {
        var wireguard = await WireguardMesh.BuildAsync(context, implementation, DeviceNamePrefix, Datapath.Wireguard.PodMtu(context.UnderlayMtu),
            node => new InterfaceAddress(LabAddressing.WireguardUnderlay(node.Number), LabAddressing.WireguardUnderlayPrefixLength),
            peer => [new IPNetwork(LabAddressing.WireguardUnderlay(peer.Number), 32)]);
        var vxlan = VxlanDatapathBuilder.AddFlannelVxlan(context,
            node => new VxlanUnderlay(WireguardMesh.DeviceName(context, DeviceNamePrefix, node), LabAddressing.WireguardUnderlay(node.Number)));
        return new BuiltDatapath([.. wireguard, .. vxlan]);
    }
}
