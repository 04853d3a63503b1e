using System.Runtime.InteropServices;

namespace PerfSuite.Kernel;

internal static partial class Interop
{
    internal const uint ETHTOOL_SCOALESCE = 0x0f;

    /// <summary>ETHTOOL_SCOALESCE with a whole ethtool_coalesce. Kernels since 5.7 answer EOPNOTSUPP when a field
    /// the driver does not declare in supported_coalesce_params differs from zero, which is why callers write
    /// back the structure they read with only the intended fields changed. Needs CAP_NET_ADMIN.</summary>
    internal static unsafe void SCoalesce(EthtoolSocket socket, string ifName, ethtool_coalesce request)
    {
        request.cmd = ETHTOOL_SCOALESCE;
        var buffer = new byte[sizeof(ethtool_coalesce)];
        MemoryMarshal.Write(buffer, request);
        SiocEthtool(socket, ifName, buffer, "ETHTOOL_SCOALESCE");
    }
}
