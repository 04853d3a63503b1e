using PerfSuite.Kernel.Namespaces;
using PerfSuite.Kernel.Processes;
using PerfSuite.Kernel.Sockets;
using PerfSuite.Model.Datapaths;

namespace PerfSuite.Lab.Tunnels;

/// <summary>
/// What this machine offers for the tunnel datapaths: kernel <c>ipip</c> and <c>wireguard</c> link kinds, a usable
/// /dev/net/tun (PerfSuite's userspace IPIP encapsulator and wireguard-go both need it) and <c>wireguard-go</c> on
/// PATH. <see cref="Ipip"/> and <see cref="Wireguard"/> say how each path will be built: kernel preferred.
/// </summary>
public sealed record TunnelCapabilities(
    TunnelCapability KernelIpip,
    TunnelCapability KernelWireguard,
    TunnelCapability TunDevice,
    TunnelCapability WireguardGo,
    string? WireguardGoPath)
{
    public const string WireguardGoProgram = "wireguard-go";

    /// <summary>Probes the kernel link kinds in a throwaway namespace (created and deleted here) and checks the
    /// userspace building blocks. Needs root (CAP_SYS_ADMIN for the namespace, CAP_NET_ADMIN for the links).</summary>
    public static TunnelCapabilities Detect()
    {
        var scratch = "ps-cap-" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray().AsSpan(0, 3));
        NetworkNamespace.Create(scratch);
        TunnelCapability ipip, wireguard;
        try
        {
            ipip = KernelLinkKinds.Probe("ipip", scratch);
            wireguard = KernelLinkKinds.Probe("wireguard", scratch);
        }
        finally
        {
            NetworkNamespace.Delete(scratch, ignoreMissing: true);
        }
        var wireguardGoPath = ProgramPath.Find(WireguardGoProgram);
        return new TunnelCapabilities(ipip, wireguard, DetectTunDevice(), DetectWireguardGo(wireguardGoPath), wireguardGoPath);
    }

    /// <summary>Whether /dev/net/tun can be opened (no namespace or link needed, so cheap).</summary>
    public static TunnelCapability DetectTunDevice() =>
        PacketIo.TunDeviceUnusableReason() is { } reason ? TunnelCapability.Unusable(reason) : TunnelCapability.Usable;

    /// <summary>Whether <c>wireguard-go</c> is on PATH (<paramref name="path"/>: where it was found, if looked up already).</summary>
    public static TunnelCapability DetectWireguardGo(string? path = null) =>
        (path ?? ProgramPath.Find(WireguardGoProgram)) is not null
            ? TunnelCapability.Usable
            : TunnelCapability.Unusable($"'{WireguardGoProgram}' is not on PATH (Debian package wireguard-go)");

    /// <summary>Kernel <c>ipip</c> when the module exists, else PerfSuite's TUN encapsulator.</summary>
    public TunnelChoice Ipip =>
        KernelIpip.Available ? new TunnelChoice(DatapathImplementation.Kernel, "kernel 'ipip' module")
        : TunDevice.Available ? new TunnelChoice(DatapathImplementation.Userspace, $"{KernelIpip.Reason}; using PerfSuite's userspace encapsulator on a TUN device")
        : new TunnelChoice(null, $"{KernelIpip.Reason}, and {TunDevice.Reason}");

    /// <summary>Kernel <c>wireguard</c> when the module exists, else wireguard-go.</summary>
    public TunnelChoice Wireguard =>
        KernelWireguard.Available ? new TunnelChoice(DatapathImplementation.Kernel, "kernel 'wireguard' module")
        : !TunDevice.Available ? new TunnelChoice(null, $"{KernelWireguard.Reason}, and {TunDevice.Reason}")
        : !WireguardGo.Available ? new TunnelChoice(null, $"{KernelWireguard.Reason}, and {WireguardGo.Reason}")
        : new TunnelChoice(DatapathImplementation.Userspace, $"{KernelWireguard.Reason}; using {WireguardGoPath}");
}
