using System.Globalization;
using System.Net;
using System.Net.Sockets;
using PerfSuite.Model.Errors;

namespace PerfSuite.Lab.Tunnels;

/// <summary>An address on an interface with its prefix length, as <c>ip addr</c> writes it (10.42.1.0/32,
/// 198.19.0.1/24). Unlike <see cref="IPNetwork"/>, host bits are allowed: it names the interface's own address.</summary>
public sealed record InterfaceAddress(IPAddress Address, int PrefixLength)
{
    public int MaxPrefixLength => Address.AddressFamily == AddressFamily.InterNetworkV6 ? 128 : 32;

    public static InterfaceAddress Parse(string text)
    {
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        var addressText = slash < 0 ? text : text[..slash];
        // IPAddress also takes inet_aton's short forms ("10.42.1" is 10.42.0.1): not what anyone means in a CIDR.
        if (!IPAddress.TryParse(addressText, out var address) ||
            (address.AddressFamily == AddressFamily.InterNetwork && addressText.Count(c => c == '.') != 3))
            throw new PerfSuiteException(ErrorReason.InvalidArgument, $"'{text}' is not an address (e.g. 10.42.1.1/24)");
        var max = address.AddressFamily == AddressFamily.InterNetworkV6 ? 128 : 32;
        var length = max;
        if (slash >= 0 && (!int.TryParse(text[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out length) || length > max))
            throw new PerfSuiteException(ErrorReason.InvalidArgument, $"'{text}' has no valid prefix length (0 to {max})");
        return new InterfaceAddress(address, length);
    }

    /// <summary>The network this address is in (10.42.1.1/24 -> 10.42.1.0/24).</summary>
    public IPNetwork Network
    {
        get
        {
            var bytes = Address.GetAddressBytes();
            for (var bit = PrefixLength; bit < bytes.Length * 8; bit++)
                bytes[bit / 8] &= (byte)~(0x80 >> (bit % 8));
            return new IPNetwork(new IPAddress(bytes), PrefixLength);
        }
    }

    public override string ToString() => $"{Address}/{PrefixLength}";
}
