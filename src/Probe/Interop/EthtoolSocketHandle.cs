using System.Runtime.InteropServices;
using static Tmds.Linux.LibC;

namespace PerfSuite.Probe.Interop;

/// <summary>The datagram socket SIOCETHTOOL is issued on. The kernel resolves interface names in the network
/// namespace the socket was created in, so the handle remembers that namespace's name for error messages.</summary>
internal sealed class EthtoolSocketHandle : SafeHandle
{
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Interoperability", "CA1419",
        Justification = "Only Interop.OpenEthtoolSocket creates it, through Wrap; no marshaller ever does.")]
    private EthtoolSocketHandle() : base(new IntPtr(-1), ownsHandle: true)
    {
    }

    /// <summary>The network namespace the socket lives in: its name under /run/netns, or "host".</summary>
    public string NamespaceLabel { get; private set; } = "host";

    public override bool IsInvalid => handle == new IntPtr(-1);

    internal int Fd => (int)handle;

    internal static EthtoolSocketHandle Wrap(int fd, string namespaceLabel)
    {
        var socket = new EthtoolSocketHandle { NamespaceLabel = namespaceLabel };
        socket.SetHandle(fd);
        return socket;
    }

    protected override bool ReleaseHandle() => close((int)handle) == 0;
}
