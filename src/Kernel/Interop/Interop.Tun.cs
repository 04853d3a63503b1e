using System.Runtime.InteropServices;
using System.Text;
using PerfSuite.Model.Errors;
using Tmds.Linux;

namespace PerfSuite.Kernel;

internal static partial class Interop
{
    internal const string TunDevicePath = "/dev/net/tun";
    /// <summary>_IOW('T', 202, int) from linux/if_tun.h.</summary>
    internal const int TUNSETIFF = 0x400454ca;
    internal const short IFF_TUN = 0x0001;
    /// <summary>No 4-byte packet-information prefix: reads and writes are bare IP packets.</summary>
    internal const short IFF_NO_PI = 0x1000;

    /// <summary>struct ifreq (linux/if.h) as TUNSETIFF reads it: the name, then ifr_flags at the start of the 24-byte
    /// union. The kernel copies all 40 bytes.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal unsafe struct ifreq_flags
    {
        public fixed byte ifr_name[IFNAMSIZ];
        public short ifr_flags;
        public fixed byte ifr_pad[22];
    }

    /// <summary>Opens /dev/net/tun and attaches a new layer-3 TUN device named <paramref name="name"/> (IFF_TUN |
    /// IFF_NO_PI), non-blocking. The device is created in the network namespace of the calling thread and vanishes
    /// when the descriptor is closed.</summary>
    internal static unsafe FileDescriptorHandle OpenTun(string name, string netnsName)
    {
        InterfaceName.ValidateNew(name);
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var path = NulTerminated(TunDevicePath);
        int fd;
        fixed (byte* p = path)
        {
            fd = LibC.open(p, LibC.O_RDWR | LibC.O_CLOEXEC | LibC.O_NONBLOCK, 0);
        }
        if (fd < 0)
        {
            var errno = LastErrno;
            throw errno == LinuxErrno.ENOENT
                ? new PerfSuiteException(ErrorReason.NotSupported, $"{TunDevicePath} does not exist (no 'tun' module?)")
                : SystemCallFailure(errno, $"opening {TunDevicePath}");
        }
        var handle = FileDescriptorHandle.Own(fd);
        var request = default(ifreq_flags);
        nameBytes.CopyTo(new Span<byte>(request.ifr_name, IFNAMSIZ));
        request.ifr_flags = IFF_TUN | IFF_NO_PI;
        if (LibC.ioctl(fd, TUNSETIFF, &request) != 0)
        {
            var errno = LastErrno;
            handle.Dispose();
            // EBUSY: a TUN of that name is attached elsewhere; EINVAL: the name belongs to a device of another type.
            throw errno is LinuxErrno.EBUSY or LinuxErrno.EINVAL
                ? new ErrnoException(ErrorReason.Busy, errno,
                    $"creating TUN device '{name}' in network namespace '{netnsName}': an interface of that name already exists")
                : SystemCallFailure(errno, $"creating TUN device '{name}' in network namespace '{netnsName}'");
        }
        return handle;
    }

    /// <summary>Opens and closes /dev/net/tun without attaching a device: null when that works, else why not.</summary>
    internal static unsafe string? TunDeviceUnusableReason()
    {
        var path = NulTerminated(TunDevicePath);
        int fd;
        fixed (byte* p = path)
        {
            fd = LibC.open(p, LibC.O_RDWR | LibC.O_CLOEXEC, 0);
        }
        if (fd >= 0)
        {
            _ = LibC.close(fd);
            return null;
        }
        var errno = LastErrno;
        return errno switch
        {
            LinuxErrno.ENOENT => $"{TunDevicePath} does not exist",
            LinuxErrno.ENODEV or LinuxErrno.ENXIO => $"{TunDevicePath} exists but the kernel has no 'tun' module",
            _ => SystemCallFailure(errno, $"opening {TunDevicePath}").Message,
        };
    }
}
