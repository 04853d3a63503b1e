using System.Globalization;
using System.Text;
using PerfSuite.Model.Errors;

namespace PerfSuite.LoadGen.Tunnels.Wireguard;

/// <summary>
/// Interface names for WireGuard devices. A userspace implementation's UAPI socket is named after the interface in
/// one host-wide directory, so two nodes (or two labs) must never share a name even in different namespaces: the
/// name carries the lab name and the node number.
/// </summary>
public static class WireguardInterfaceName
{
    public const int MaxLength = 15;

    /// <summary><c>wg-LAB-N</c>; fails when that is longer than 15 bytes.</summary>
    public static string For(string labName, int node)
    {
        var name = string.Create(CultureInfo.InvariantCulture, $"wg-{labName}-{node}");
        Validate(name);
        return name;
    }

    public static void Validate(string name)
    {
        if (string.IsNullOrEmpty(name) || Encoding.UTF8.GetByteCount(name) > MaxLength ||
            name.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')))
            throw new PerfSuiteException(ErrorReason.InvalidArgument,
                $"'{name}' is not usable as a WireGuard interface name (1 to {MaxLength} bytes of letters, digits, '-', '_', '.')");
    }
}
