using System.Net;
using System.Net.NetworkInformation;
using BenchmarkDotNet.Attributes;
using PerfSuite.Kernel.Netlink;

namespace PerfSuite.Benchmarks.Netlink;

/// <summary>Encoding the rtnetlink requests the lab sends to build a datapath (byte for byte what iproute2 sends),
/// from the request records to the finished message with its header.</summary>
[MemoryDiagnoser]
public class NetlinkEncodingBenchmarks
{
    private const ushort RequestAck = NetlinkFlags.Request | NetlinkFlags.Ack;

    public static IEnumerable<BenchmarkCase<Func<NetlinkMessageWriter>>> Requests() =>
    [
        new("veth pair into a netns", () => LinkMessages.Veth(new LinkSettings("veth1", 1450, Up: true, MasterIndex: 3),
            new VethPeer("eth0", 1450, NetnsFd: 9))),
        new("vxlan device", () => LinkMessages.Vxlan(new LinkSettings("flannel.1", 1450),
            new VxlanSettings(1, IPAddress.Parse("198.18.0.1"), UnderlayIndex: 2, Port: 8472, Learning: false))),
        new("route via peer onlink", () => RouteMessages.Add(new RouteSpec(IPNetwork.Parse("10.42.2.0/24"),
            IPAddress.Parse("10.42.2.0"), DeviceIndex: 5, OnLink: true))),
        new("fdb entry", () => NeighbourMessages.AppendFdb(5, PhysicalAddress.Parse("02-42-0a-2a-02-00"), IPAddress.Parse("198.18.0.2"))),
    ];

    [Benchmark]
    [ArgumentsSource(nameof(Requests))]
    public int EncodeRequest(BenchmarkCase<Func<NetlinkMessageWriter>> request) =>
        request.Value().Complete(sequence: 1, RequestAck).Length;
}
