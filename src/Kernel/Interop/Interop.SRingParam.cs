using System.Runtime.InteropServices;

namespace PerfSuite.Kernel;

internal static partial class Interop
{
    internal const uint ETHTOOL_SRINGPARAM = 0x11;

    /// <summary>ETHTOOL_SRINGPARAM with a whole ethtool_ringparam (<paramref name="request"/>, its cmd already set).
    /// The kernel ignores the *_max_pending fields and checks the pending ones against the driver's own maxima
    /// (EINVAL beyond them). Needs CAP_NET_ADMIN.</summary>
    internal static unsafe void SRingParam(EthtoolSocket socket, string ifName, ethtool_ringparam request)
    {
        request.cmd = ETHTOOL_SRINGPARAM;
        var buffer = new byte[sizeof(ethtool_ringparam)];
        MemoryMarshal.Write(buffer, request);
        SiocEthtool(socket, ifName, buffer, "ETHTOOL_SRINGPARAM");
    }
}
