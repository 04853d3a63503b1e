using System.Text;
using PerfSuite.Kernel;
using PerfSuite.Kernel.Processes;
using PerfSuite.Lab;
using PerfSuite.Lab.Tunnels;
using PerfSuite.Model.Errors;

namespace PerfSuite.Lab.Tunnels.Wireguard;

/// <summary>
/// Checks interface names for WireGuard devices. A userspace implementation's UAPI socket is named after the
/// interface in one host-wide directory, so two nodes (or two labs) must never share a name even in different
/// namespaces: the lab names its devices with <c>LabNaming.HostUniqueInterface</c> (<c>ps-LAB-w1</c>).
/// </summary>
public static class WireguardInterfaceName
{
    public const int MaxLength = 15;

    public static void Validate(string name)
    {
        if (string.IsNullOrEmpty(name) || Encoding.UTF8.GetByteCount(name) > MaxLength ||
            name.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')))
            throw new PerfSuiteException(ErrorReason.InvalidArgument,
                $"'{name}' is not usable as a WireGuard interface name (1 to {MaxLength} bytes of letters, digits, '-', '_', '.')");
    }
}
