namespace PerfSuite.LoadGen.Tunnels;

/// <summary>
/// Sets the link properties of a tunnel device PerfSuite did not create over rtnetlink (a TUN device, a
/// wireguard-go interface): its MTU, one address, and up. The tunnel classes call only this, so the lab can pass
/// its own rtnetlink client; <see cref="RtnetlinkTunnelLinkSetup"/> is the minimal default.
/// </summary>
public interface ITunnelLinkSetup
{
    /// <summary>Applies <paramref name="settings"/> to interface <paramref name="ifName"/> in namespace
    /// <paramref name="netns"/> (null: the caller's own).</summary>
    void Configure(string? netns, string ifName, TunnelLinkSettings settings);
}

/// <summary>What <see cref="ITunnelLinkSetup.Configure"/> sets; null leaves a property as it is.</summary>
public sealed record TunnelLinkSettings(int? Mtu = null, InterfaceAddress? Address = null, bool Up = true);
