using System.Text;
using PerfSuite.Model.Errors;
using Tmds.Linux;

namespace PerfSuite.Kernel;

internal static partial class Interop
{
    internal const int SIOCETHTOOL = 0x8946;

    /// <summary>Sends one ethtool command: <paramref name="buffer"/> starts with the command's struct (its first
    /// u32 is the command number) and receives the kernel's answer in place. Returns the ioctl's non-negative
    /// result (SFEATURES reports flags through it); every failure becomes a <see cref="PerfSuiteException"/>.</summary>
    internal static unsafe int SiocEthtool(EthtoolSocket socket, string ifName, Span<byte> buffer, string command)
    {
        InterfaceName.Validate(ifName);
        var request = default(ifreq);
        Encoding.UTF8.GetBytes(ifName, new Span<byte>(request.ifr_name, IFNAMSIZ - 1));
        var added = false;
        try
        {
            socket.Handle.DangerousAddRef(ref added);
            fixed (byte* data = buffer)
            {
                request.ifr_data = data;
                var result = LibC.ioctl(socket.Handle.Fd, SIOCETHTOOL, &request);
                var errno = result < 0 ? LastErrno : 0;
                return CheckIo(result, errno, ifName, command, socket.NamespaceLabel);
            }
        }
        finally
        {
            if (added)
                socket.Handle.DangerousRelease();
        }
    }
}
