using BenchmarkDotNet.Attributes;
using PerfSuite.Kernel.Netlink;

namespace PerfSuite.Benchmarks.Netlink;

/// <summary>Decoding RTM_NEWLINK answers (ifinfomsg and some 50 IFLA_* attributes, statistics included) into link
/// records, as every link dump does per interface. Answers recorded from kernel 6.18 by
/// Fixtures/netlink/record.sh.</summary>
[MemoryDiagnoser]
public class NetlinkDecodingBenchmarks
{
    public static IEnumerable<BenchmarkCase<byte[]>> Links() =>
    [
        new("lo", EmbeddedFixtures.Bytes("netlink/lo.newlink.bin")),
        new("veth (bridge port)", EmbeddedFixtures.Bytes("netlink/veth.newlink.bin")),
        new("bridge", EmbeddedFixtures.Bytes("netlink/bridge.newlink.bin")),
        new("vxlan", EmbeddedFixtures.Bytes("netlink/vxlan.newlink.bin")),
    ];

    [Benchmark]
    [ArgumentsSource(nameof(Links))]
    public LinkRecord DecodeLink(BenchmarkCase<byte[]> link) => LinkMessageDecoder.Decode(link.Value);

    /// <summary>Walking the top-level attributes alone: the part of decoding that must never allocate.</summary>
    [Benchmark]
    [ArgumentsSource(nameof(Links))]
    public int WalkAttributes(BenchmarkCase<byte[]> link)
    {
        var count = 0;
        foreach (var attribute in new NetlinkAttributeReader(link.Value.AsSpan(LinkMessageDecoder.IfInfoMsgSize)))
            count += attribute.Payload.Length;
        return count;
    }
}
