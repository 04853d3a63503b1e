using System.Runtime.InteropServices;
using PerfSuite.Kernel.Ethtool;
using static PerfSuite.Kernel.Interop;
using static PerfSuite.Kernel.Tests.Fixtures.RecordedAnswers;

namespace PerfSuite.Kernel.Tests.Ethtool;

/// <summary>Writing back the structure read must send the kernel exactly what it answered: encoding a decoded
/// answer recorded from this machine gives back the recorded bytes, field for field.</summary>
public sealed class EthtoolRequestEncoderTests
{
    private static byte[] AsBytes<T>(T value, uint cmd) where T : struct
    {
        var bytes = new byte[Marshal.SizeOf<T>()];
        MemoryMarshal.Write(bytes, value);
        MemoryMarshal.Write(bytes, cmd);
        return bytes;
    }

    [Fact]
    public void Rings_encode_back_to_the_recorded_GRINGPARAM_answer()
    {
        // Given the answer eth0 (virtio_net) gave
        var recorded = Bytes("eth0.gringparam");

        // When
        var encoded = EthtoolRequestEncoder.Rings(EthtoolAnswerDecoder.Rings(recorded));

        // Then
        Assert.Equal(recorded, AsBytes(encoded, ETHTOOL_GRINGPARAM));
    }

    [Fact]
    public void Channels_encode_back_to_the_recorded_GCHANNELS_answer()
    {
        var recorded = Bytes("eth0.gchannels");

        var encoded = EthtoolRequestEncoder.Channels(EthtoolAnswerDecoder.Channels(recorded));

        Assert.Equal(recorded, AsBytes(encoded, ETHTOOL_GCHANNELS));
    }

    [Fact]
    public void Coalescing_encodes_back_to_the_recorded_GCOALESCE_answer_every_field_in_place()
    {
        var recorded = Bytes("eth0.gcoalesce");

        var encoded = EthtoolRequestEncoder.Coalesce(EthtoolAnswerDecoder.Coalesce(recorded));

        Assert.Equal(recorded, AsBytes(encoded, ETHTOOL_GCOALESCE));
    }

    [Fact]
    public void Each_field_lands_at_its_own_offset()
    {
        // Given a record whose fields are all different, so a swapped pair would show
        var coalesce = new Model.Probe.CoalesceParams(1, 2, 3, 4, 5, 6, 7, 8, 9, true, false, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22);

        // When
        var bytes = AsBytes(EthtoolRequestEncoder.Coalesce(coalesce), ETHTOOL_SCOALESCE);

        // Then: u32 i sits at offset 4·i (reference/ethtool-abi.md §2); adaptive tx (index 11) is 0
        var words = MemoryMarshal.Cast<byte, uint>(bytes).ToArray();
        Assert.Equal([ETHTOOL_SCOALESCE, 1u, 2, 3, 4, 5, 6, 7, 8, 9, 1, 0, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22], words);
    }

    [Fact]
    public void Set_command_numbers_follow_their_get_commands()
    {
        Assert.Equal(0x11u, ETHTOOL_SRINGPARAM);
        Assert.Equal(0x3du, ETHTOOL_SCHANNELS);
        Assert.Equal(0x0fu, ETHTOOL_SCOALESCE);
    }
}
