using BenchmarkDotNet.Attributes;
using PerfSuite.Lab.Tunnels.Ipip;

namespace PerfSuite.Benchmarks.Tunnels;

/// <summary>The userspace IP-in-IP tunnel's per-packet work (RFC 2003), as its loops run it between a TUN read and a
/// raw-socket send: encapsulating in place in front of the inner packet, and checking and locating the inner packet
/// of a received one. Neither may allocate: the allocation column must read 0 B.</summary>
[MemoryDiagnoser]
[DisassemblyDiagnoser(maxDepth: 2, printSource: true, exportGithubMarkdown: true)]
public class IpipEncapsulationBenchmarks
{
    private const uint NodeA = 0xC6120001;
    private const uint NodeB = 0xC6120002;

    private byte[] _outgoing = [];
    private byte[] _incoming = [];
    private int _incomingLength;
    private ushort _identification = 1;

    public static IEnumerable<BenchmarkCase<int>> InnerLengths() =>
    [
        new("40 B (TCP ACK)", 40),
        new("1480 B (MTU 1500)", 1480),
        new("8980 B (MTU 9000)", 8980),
    ];

    /// <summary>Total length of the inner IPv4 packet.</summary>
    [ParamsSource(nameof(InnerLengths))]
    public BenchmarkCase<int> Inner { get; set; } = new("1480 B (MTU 1500)", 1480);

    [GlobalSetup]
    public void Setup()
    {
        // As the encapsulating loop reads from the TUN: the inner packet at offset 20, room for the outer header.
        _outgoing = GC.AllocateArray<byte>(IpipEncapsulation.OuterHeaderLength + ushort.MaxValue, pinned: true);
        InnerPacket.Write(_outgoing.AsSpan(IpipEncapsulation.OuterHeaderLength), Inner.Value);
        _incoming = GC.AllocateArray<byte>(IpipEncapsulation.OuterHeaderLength + ushort.MaxValue, pinned: true);
        InnerPacket.Write(_incoming.AsSpan(IpipEncapsulation.OuterHeaderLength), Inner.Value);
        _incomingLength = IpipEncapsulation.Encapsulate(_incoming, Inner.Value, NodeA, NodeB, 7);
        if (_incomingLength == 0 || Decapsulate() != Inner.Value)
            throw new InvalidOperationException("the benchmark's packets do not pass through the tunnel");
    }

    [Benchmark]
    public int Encapsulate()
    {
        _identification = _identification == ushort.MaxValue ? (ushort)1 : (ushort)(_identification + 1);
        return IpipEncapsulation.Encapsulate(_outgoing, Inner.Value, NodeA, NodeB, _identification);
    }

    [Benchmark]
    public int Decapsulate() =>
        IpipEncapsulation.Decapsulate(_incoming.AsSpan(0, _incomingLength), NodeA, NodeB, out _, out var innerLength)
            == DecapsulationVerdict.Accepted ? innerLength : 0;
}
