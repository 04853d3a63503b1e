namespace PerfSuite.Lab.Datapaths.Wireguard;

/// <summary>The WireGuard generic netlink family (linux/wireguard.h): its name, version and commands.</summary>
public static class WgGenl
{
    public const string FamilyName = "wireguard";
    public const byte Version = 1;
    public const byte CmdGetDevice = 0;
    public const byte CmdSetDevice = 1;
    public const int KeyLength = 32;
}

/// <summary>enum wgdevice_attribute and wgdevice_flag.</summary>
public static class WgDevice
{
    public const ushort IfIndex = 1;
    public const ushort IfName = 2;
    public const ushort PrivateKey = 3;
    public const ushort PublicKey = 4;
    public const ushort Flags = 5;
    public const ushort ListenPort = 6;
    public const ushort Fwmark = 7;
    public const ushort Peers = 8;

    public const uint FlagReplacePeers = 1U << 0;
}

/// <summary>enum wgpeer_attribute and wgpeer_flag.</summary>
public static class WgPeer
{
    public const ushort PublicKey = 1;
    public const ushort PresharedKey = 2;
    public const ushort Flags = 3;
    public const ushort Endpoint = 4;
    public const ushort PersistentKeepaliveInterval = 5;
    public const ushort LastHandshakeTime = 6;
    public const ushort RxBytes = 7;
    public const ushort TxBytes = 8;
    public const ushort AllowedIps = 9;
    public const ushort ProtocolVersion = 10;

    public const uint FlagRemoveMe = 1U << 0;
    public const uint FlagReplaceAllowedIps = 1U << 1;
    public const uint FlagUpdateOnly = 1U << 2;
}

/// <summary>enum wgallowedip_attribute.</summary>
public static class WgAllowedIp
{
    public const ushort Family = 1;
    public const ushort IpAddr = 2;
    public const ushort CidrMask = 3;
}
