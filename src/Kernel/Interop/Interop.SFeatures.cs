using System.Runtime.InteropServices;

namespace PerfSuite.Kernel;

internal static partial class Interop
{
    internal const uint ETHTOOL_SFEATURES = 0x3b;

    /// <summary>Bits of SFEATURES' non-negative return value (uapi ethtool.h).</summary>
    internal const int ETHTOOL_F_UNSUPPORTED = 1 << 0, ETHTOOL_F_WISH = 1 << 1, ETHTOOL_F_COMPAT = 1 << 2;

    /// <summary>struct ethtool_sfeatures header (8 bytes); <c>size</c> blocks follow.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct ethtool_sfeatures
    {
        public uint cmd;
        public uint size;
    }

    /// <summary>struct ethtool_set_features_block: which bits of the word to change, and their new values.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct ethtool_set_features_block
    {
        public uint valid;
        public uint requested;
    }

    /// <summary>ETHTOOL_SFEATURES. <paramref name="valid"/> and <paramref name="requested"/> hold one u32 per
    /// feature word; their length must equal the kernel's word count exactly or it answers EINVAL. Returns the
    /// ETHTOOL_F_* flags.</summary>
    internal static unsafe int SFeatures(EthtoolSocket socket, string ifName, ReadOnlySpan<uint> valid, ReadOnlySpan<uint> requested)
    {
        if (valid.Length != requested.Length)
            throw new ArgumentException("valid and requested must have one word each per feature word");
        var request = new byte[sizeof(ethtool_sfeatures) + valid.Length * sizeof(ethtool_set_features_block)];
        MemoryMarshal.Write(request, new ethtool_sfeatures { cmd = ETHTOOL_SFEATURES, size = (uint)valid.Length });
        var blocks = MemoryMarshal.Cast<byte, ethtool_set_features_block>(request.AsSpan(sizeof(ethtool_sfeatures)));
        for (var i = 0; i < valid.Length; i++)
            blocks[i] = new ethtool_set_features_block { valid = valid[i], requested = requested[i] };
        return SiocEthtool(socket, ifName, request, "ETHTOOL_SFEATURES");
    }
}
