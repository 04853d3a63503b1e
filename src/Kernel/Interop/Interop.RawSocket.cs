using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using PerfSuite.Model.Errors;
using Tmds.Linux;


namespace PerfSuite.Kernel;

internal static partial class Interop
{
    /// <summary>struct sockaddr_in (netinet/in.h), 16 bytes; port and address in network byte order.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal unsafe struct sockaddr_in_v4
    {
        public ushort sin_family;
        public ushort sin_port;
        public uint sin_addr;
        public fixed byte sin_zero[8];
    }

    /// <summary>A raw IPv4 socket for protocol 4 (IP in IP) with IP_HDRINCL, bound to <paramref name="local"/> and
    /// connected to <paramref name="remote"/>, non-blocking. Binding and connecting make the kernel itself deliver
    /// only packets from the peer to this address (raw_v4_match), and give IP_MTU a route to answer for.</summary>
    internal static unsafe FileDescriptorHandle OpenIpipSocket(IPAddress local, IPAddress remote, int bufferBytes, string netnsName)
    {
        var fd = LibC.socket(LibC.AF_INET, LibC.SOCK_RAW | LibC.SOCK_NONBLOCK | LibC.SOCK_CLOEXEC, LibC.IPPROTO_IPIP);
        if (fd < 0)
            throw SystemCallFailure(LastErrno, $"opening a raw IP-in-IP socket in network namespace '{netnsName}'", "CAP_NET_RAW");
        var handle = FileDescriptorHandle.Own(fd);
        try
        {
            var one = 1;
            if (LibC.setsockopt(fd, LibC.SOL_IP, LibC.IP_HDRINCL, &one, sizeof(int)) != 0)
                throw SystemCallFailure(LastErrno, "setting IP_HDRINCL on the IP-in-IP socket");
            // Larger queues ride out the bursts a TCP window sends through a single-threaded loop. The FORCE variants
            // pass net.core.rmem_max; without CAP_NET_ADMIN the kernel default stays, which still works.
            _ = LibC.setsockopt(fd, LibC.SOL_SOCKET, LibC.SO_RCVBUFFORCE, &bufferBytes, sizeof(int));
            _ = LibC.setsockopt(fd, LibC.SOL_SOCKET, LibC.SO_SNDBUFFORCE, &bufferBytes, sizeof(int));
            var localAddress = ToSockaddr(local);
            if (LibC.bind(fd, (sockaddr*)&localAddress, (uint)sizeof(sockaddr_in_v4)) != 0)
            {
                var errno = LastErrno;
                throw errno == LinuxErrno.EADDRNOTAVAIL
                    ? new ErrnoException(ErrorReason.NotFound, errno,
                        $"local address {local} is not assigned to any interface in network namespace '{netnsName}'")
                    : SystemCallFailure(errno, $"binding the IP-in-IP socket to {local}");
            }
            var remoteAddress = ToSockaddr(remote);
            if (LibC.connect(fd, (sockaddr*)&remoteAddress, (uint)sizeof(sockaddr_in_v4)) != 0)
            {
                var errno = LastErrno;
                throw errno is LinuxErrno.ENETUNREACH or LinuxErrno.EHOSTUNREACH
                    ? new ErrnoException(ErrorReason.NotFound, errno,
                        $"no route to remote {remote} in network namespace '{netnsName}'")
                    : SystemCallFailure(errno, $"connecting the IP-in-IP socket to {remote}");
            }
            return handle;
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>getsockopt IP_MTU on a connected socket: the path MTU the kernel knows toward the peer (the device
    /// MTU, or less after ICMP fragmentation-needed).</summary>
    internal static unsafe int PathMtu(FileDescriptorHandle fd)
    {
        int mtu = 0;
        socklen_t length = sizeof(int);
        if (LibC.getsockopt(fd.Fd, LibC.SOL_IP, LibC.IP_MTU, &mtu, &length) != 0)
            throw SystemCallFailure(LastErrno, "reading IP_MTU of the IP-in-IP socket");
        return mtu;
    }

    private static sockaddr_in_v4 ToSockaddr(IPAddress address)
    {
        if (address.AddressFamily != AddressFamily.InterNetwork)
            throw new PerfSuiteException(ErrorReason.InvalidArgument, $"{address} is not an IPv4 address");
        Span<byte> bytes = stackalloc byte[4];
        address.TryWriteBytes(bytes, out _);
        return new sockaddr_in_v4 { sin_family = 2 /* AF_INET */, sin_addr = MemoryMarshal.Read<uint>(bytes) };
    }
}
