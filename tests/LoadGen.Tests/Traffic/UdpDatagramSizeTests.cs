using System.Net;
using System.Net.Sockets;
using PerfSuite.Kernel.Namespaces;
using PerfSuite.LoadGen.Traffic;

namespace PerfSuite.LoadGen.Tests.Traffic;

/// <summary>udp-stream's datagram fills one packet of the pod MTU in the address family the data flows in: the IP
/// header is 20 bytes over IPv4 and 40 over IPv6, so at MTU 1500 a datagram is 1472 or 1452 bytes.</summary>
public sealed class UdpDatagramSizeTests
{
    [Theory]
    [InlineData(1500, AddressFamily.InterNetwork, 1472)]
    [InlineData(1500, AddressFamily.InterNetworkV6, 1452)]
    [InlineData(9000, AddressFamily.InterNetworkV6, 8952)]
    [InlineData(1280, AddressFamily.InterNetworkV6, 1232)]
    [InlineData(65536, AddressFamily.InterNetwork, 65507)]
    [InlineData(65536, AddressFamily.InterNetworkV6, 65488)]
    [InlineData(40, AddressFamily.InterNetworkV6, UdpDatagramHeader.Size)]
    public void The_datagram_is_the_pod_mtu_less_the_ip_and_udp_headers_of_its_family(int podMtu, AddressFamily family, int expected) =>
        Assert.Equal(expected, TestSpec.DatagramBytesForPodMtu(podMtu, family));

    [Fact]
    public void Only_ipv4_and_ipv6_have_a_datagram_size() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => TestSpec.DatagramBytesForPodMtu(1500, AddressFamily.Unix));

    [Theory]
    [InlineData(AddressFamily.InterNetwork)]
    [InlineData(AddressFamily.InterNetworkV6)]
    public void The_kernel_sends_the_datagram_unfragmented_and_refuses_one_byte_more(AddressFamily family)
    {
        // Given a namespace whose loopback has an MTU of 1500, and a socket that may not fragment
        using var ns = new ScratchNamespace();
        ns.Ip("link", "set", "lo", "mtu", "1500", "up");
        var size = TestSpec.DatagramBytesForPodMtu(1500, family);

        // When the datagram of that size and one a byte longer are sent
        var (fits, tooLong) = NetworkNamespace.Run(ns.Name, () =>
        {
            var loopback = family == AddressFamily.InterNetwork ? IPAddress.Loopback : IPAddress.IPv6Loopback;
            using var receiver = new Socket(family, SocketType.Dgram, ProtocolType.Udp);
            receiver.Bind(new IPEndPoint(loopback, 0));
            using var sender = new Socket(family, SocketType.Dgram, ProtocolType.Udp);
            if (family == AddressFamily.InterNetwork)
                sender.SetRawSocketOption(IpLevel, IpMtuDiscover, BitConverter.GetBytes(IpPmtuDiscDo));
            else
                sender.SetRawSocketOption(Ipv6Level, Ipv6DontFrag, BitConverter.GetBytes(1));
            sender.Connect(receiver.LocalEndPoint!);
            return (Send(sender, size), Send(sender, size + 1));
        });

        // Then the first leaves as one packet and the kernel refuses the second (EMSGSIZE)
        Assert.Equal(SocketError.Success, fits);
        Assert.Equal(SocketError.MessageSize, tooLong);
    }

    // <linux/in.h> IP_MTU_DISCOVER, IP_PMTUDISC_DO; <linux/in6.h> IPV6_DONTFRAG.
    private const int IpLevel = 0;
    private const int IpMtuDiscover = 10;
    private const int IpPmtuDiscDo = 2;
    private const int Ipv6Level = 41;
    private const int Ipv6DontFrag = 62;

    private static SocketError Send(Socket socket, int bytes)
    {
        socket.Send(new byte[bytes], SocketFlags.None, out var error);
        return error;
    }
}
