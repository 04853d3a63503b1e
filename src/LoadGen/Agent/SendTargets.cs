using System.Net;
using System.Net.Sockets;

namespace PerfSuite.LoadGen.Agent;

/// <summary>Where a remote agent with <c>--allow-send</c> refuses to send: its own host (loopback, the unspecified
/// address, which reaches it too) and link-local neighbours, services a runner should not be able to flood through it
/// (metadata endpoints at 169.254.169.254, local daemons) unless <c>--allow-send-local</c> says so; never to a
/// multicast or broadcast address, which would reach many hosts at once.</summary>
internal static class SendTargets
{
    /// <summary>Why <paramref name="target"/> is refused, or null when it may be sent to.</summary>
    public static string? Refusal(IPAddress target, bool allowLocal)
    {
        var address = target.IsIPv4MappedToIPv6 ? target.MapToIPv4() : target;
        if (IsMulticastOrBroadcast(address))
            return $"{address} is a multicast or broadcast address; an agent sends to one host only";
        if (allowLocal)
            return null;
        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
            return $"{address} is this agent's own host; start it with --allow-send-local to let a runner aim it there";
        if (IsLinkLocal(address))
            return $"{address} is link-local; start the agent with --allow-send-local to let a runner aim it there";
        return null;
    }

    private static bool IsMulticastOrBroadcast(IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
            return address.IsIPv6Multicast;
        var first = address.GetAddressBytes()[0];
        return first is >= 224 and <= 239 || address.Equals(IPAddress.Broadcast);
    }

    private static bool IsLinkLocal(IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
            return address.IsIPv6LinkLocal;
        var bytes = address.GetAddressBytes();
        return bytes[0] == 169 && bytes[1] == 254;
    }
}
