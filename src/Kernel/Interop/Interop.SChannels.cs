using System.Runtime.InteropServices;

namespace PerfSuite.Kernel;

internal static partial class Interop
{
    internal const uint ETHTOOL_SCHANNELS = 0x3d;

    /// <summary>ETHTOOL_SCHANNELS with a whole ethtool_channels. The kernel ignores the max_* fields and refuses
    /// counts above them or zero rx and tx (EINVAL). Needs CAP_NET_ADMIN.</summary>
    internal static unsafe void SChannels(EthtoolSocket socket, string ifName, ethtool_channels request)
    {
        request.cmd = ETHTOOL_SCHANNELS;
        var buffer = new byte[sizeof(ethtool_channels)];
        MemoryMarshal.Write(buffer, request);
        SiocEthtool(socket, ifName, buffer, "ETHTOOL_SCHANNELS");
    }
}
