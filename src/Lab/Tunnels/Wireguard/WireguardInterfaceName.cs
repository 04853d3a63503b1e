using PerfSuite.Kernel;
using PerfSuite.Model.Errors;

namespace PerfSuite.Lab.Tunnels.Wireguard;

/// <summary>
/// Checks interface names for WireGuard devices. A userspace implementation's UAPI socket is named after the
/// interface in one host-wide directory, so two nodes (or two labs) must never share a name even in different
/// namespaces: the lab names its devices with <c>LabNaming.HostUniqueInterface</c> (<c>ps-LAB-w1</c>).
/// </summary>
public static class WireguardInterfaceName
{
    /// <summary>A name the kernel accepts for a new device (<see cref="InterfaceName.ValidateNew"/>) and, since it
    /// also names a socket file, only letters, digits, '-', '_' and '.'.</summary>
    public static void Validate(string name)
    {
        InterfaceName.ValidateNew(name);
        if (name.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')))
            throw new PerfSuiteException(ErrorReason.InvalidArgument,
                $"'{name}' is not usable as a WireGuard interface name (letters, digits, '-', '_', '.')");
    }
}
