using System.Net;
using System.Net.Sockets;

namespace PerfSuite.Kernel.Sockets;

/// <summary>The packet-level calls the Lab's userspace tunnels and verification make: TUN queues, raw IPIP and
/// AF_PACKET sockets, eventfd wake-ups and poll. Each is the <c>Interop</c> call of the same name; the descriptors are
/// <see cref="FileDescriptorHandle"/>s, errno outcomes the loops handle are an <see cref="IoStatus"/>, every other
/// errno an <see cref="ErrnoException"/>.</summary>
public static class PacketIo
{
    public static FileDescriptorHandle CreateEventFd() => Interop.CreateEventFd();

    public static void SignalEventFd(FileDescriptorHandle fd) => Interop.SignalEventFd(fd);

    /// <summary>Creates (or attaches to) TUN device <paramref name="name"/> in the current network namespace,
    /// without the packet-information prefix, non-blocking.</summary>
    public static FileDescriptorHandle OpenTun(string name, string netnsName) => Interop.OpenTun(name, netnsName);

    /// <summary>Why TUN devices cannot be made here, or null when they can.</summary>
    public static string? TunDeviceUnusableReason() => Interop.TunDeviceUnusableReason();

    /// <summary>A raw IPPROTO_IPIP socket bound to <paramref name="local"/> and connected to
    /// <paramref name="remote"/>, with IP_HDRINCL, non-blocking.</summary>
    public static FileDescriptorHandle OpenIpipSocket(IPAddress local, IPAddress remote, int bufferBytes, string netnsName) =>
        Interop.OpenIpipSocket(local, remote, bufferBytes, netnsName);

    /// <summary>The path MTU the kernel holds for a connected socket (IP_MTU).</summary>
    public static int PathMtu(FileDescriptorHandle fd) => Interop.PathMtu(fd);

    public static IoStatus ReadPacket(FileDescriptorHandle fd, Span<byte> buffer, out int length, string what) =>
        Interop.ReadPacket(fd, buffer, out length, what);

    public static IoStatus WritePacket(FileDescriptorHandle fd, ReadOnlySpan<byte> packet, string what) =>
        Interop.WritePacket(fd, packet, what);

    public static IoStatus SendPacket(FileDescriptorHandle fd, ReadOnlySpan<byte> packet, string what) =>
        Interop.SendPacket(fd, packet, what);

    public static IoStatus ReceivePacket(FileDescriptorHandle fd, Span<byte> buffer, out int length, string what) =>
        Interop.ReceivePacket(fd, buffer, out length, what);

    /// <summary>Waits until <paramref name="fd"/> is ready (or <paramref name="wake"/> is signalled: false).</summary>
    public static bool WaitReady(FileDescriptorHandle fd, bool forWrite, FileDescriptorHandle wake, string what) =>
        Interop.WaitReady(fd, forWrite, wake, what);

    /// <summary>Blocks until one of <paramref name="fds"/> is readable or <paramref name="wake"/> is signalled; false when
    /// woken.</summary>
    public static bool WaitAnyReadable(ReadOnlySpan<FileDescriptorHandle> fds, FileDescriptorHandle wake, string what) =>
        Interop.WaitAnyReadable(fds, wake, what);

    /// <summary>An AF_PACKET socket that sees every frame of interface <paramref name="ifindex"/>.</summary>
    public static FileDescriptorHandle OpenPacketSocket(int ifindex, string what) => Interop.OpenPacketSocket(ifindex, what);

    public static int Receive(FileDescriptorHandle socket, Span<byte> buffer, string what) => Interop.Receive(socket, buffer, what);

    public static bool WaitReadable(FileDescriptorHandle socket, int timeoutMs, string what) =>
        Interop.WaitReadable(socket, timeoutMs, what);

    /// <summary>IP_MTU_DISCOVER = IP_PMTUDISC_DO on a UDP socket: never fragment, EMSGSIZE above the path MTU.</summary>
    public static void SetDontFragment(Socket socket) => Interop.SetDontFragment(socket);
}
