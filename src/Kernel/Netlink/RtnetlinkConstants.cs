namespace PerfSuite.Kernel.Netlink;

/// <summary>rtnetlink message types (linux/rtnetlink.h).</summary>
public static class Rtm
{
    public const ushort NewLink = 16;
    public const ushort DelLink = 17;
    public const ushort GetLink = 18;
    public const ushort SetLink = 19;
    public const ushort NewAddr = 20;
    public const ushort DelAddr = 21;
    public const ushort GetAddr = 22;
    public const ushort NewRoute = 24;
    public const ushort DelRoute = 25;
    public const ushort GetRoute = 26;
    public const ushort NewNeigh = 28;
    public const ushort DelNeigh = 29;
    public const ushort GetNeigh = 30;
}

/// <summary>Link attributes (linux/if_link.h, enum IFLA_*).</summary>
public static class Ifla
{
    public const ushort Address = 1;
    public const ushort Broadcast = 2;
    public const ushort IfName = 3;
    public const ushort Mtu = 4;
    public const ushort Link = 5;
    public const ushort Qdisc = 6;
    public const ushort Master = 10;
    /// <summary>struct rtnl_link_stats64: rx_packets, tx_packets, rx_bytes, tx_bytes, … (u64 each).</summary>
    public const ushort Stats64 = 23;
    public const ushort TxQueueLength = 13;
    public const ushort OperState = 16;
    public const ushort LinkMode = 17;
    public const ushort LinkInfo = 18;
    public const ushort NetNsPid = 19;
    public const ushort NetNsFd = 28;
    public const ushort ExtMask = 29;
    public const ushort NumTxQueues = 31;
    public const ushort NumRxQueues = 32;
    public const ushort Carrier = 33;
    public const ushort LinkNetNsId = 37;
    public const ushort GsoMaxSegs = 40;
    public const ushort GsoMaxSize = 41;
    public const ushort MinMtu = 50;
    public const ushort MaxMtu = 51;
    public const ushort GroMaxSize = 58;
}

/// <summary>Nested in IFLA_LINKINFO.</summary>
public static class IflaInfo
{
    public const ushort Kind = 1;
    public const ushort Data = 2;
    public const ushort SlaveKind = 4;
    public const ushort SlaveData = 5;
}

/// <summary>Nested in IFLA_INFO_DATA for kind "macvlan" (linux/if_link.h).</summary>
public static class IflaMacvlan
{
    public const ushort Mode = 1;
    /// <summary>MACVLAN_MODE_BRIDGE: macvlans of one parent reach each other directly.</summary>
    public const uint ModeBridge = 4;
}

/// <summary>Nested in IFLA_INFO_DATA for kind "vxlan".</summary>
public static class IflaVxlan
{
    public const ushort Id = 1;
    public const ushort Group = 2;
    public const ushort Link = 3;
    public const ushort Local = 4;
    public const ushort Ttl = 5;
    public const ushort Tos = 6;
    public const ushort Learning = 7;
    public const ushort Ageing = 8;
    public const ushort Limit = 9;
    public const ushort PortRange = 10;
    public const ushort Proxy = 11;
    public const ushort Rsc = 12;
    public const ushort L2Miss = 13;
    public const ushort L3Miss = 14;
    /// <summary>Destination UDP port, network byte order.</summary>
    public const ushort Port = 15;
    public const ushort Group6 = 16;
    public const ushort Local6 = 17;
    public const ushort UdpCsum = 18;
}

/// <summary>Nested in IFLA_INFO_DATA for kind "geneve" (linux/if_link.h, enum IFLA_GENEVE_*).</summary>
public static class IflaGeneve
{
    public const ushort Id = 1;
    public const ushort Remote = 2;
    public const ushort Ttl = 3;
    public const ushort Tos = 4;
    /// <summary>Destination UDP port, network byte order.</summary>
    public const ushort Port = 5;
    public const ushort CollectMetadata = 6;
    public const ushort Remote6 = 7;
    public const ushort Label = 11;
}

/// <summary>Nested in IFLA_INFO_DATA for kinds "ipip", "sit" (linux/if_tunnel.h, IFLA_IPTUN_*).</summary>
public static class IflaIpTunnel
{
    public const ushort Link = 1;
    public const ushort Local = 2;
    public const ushort Remote = 3;
    public const ushort Ttl = 4;
    public const ushort Tos = 5;
    public const ushort PmtuDisc = 10;
}

/// <summary>Nested in IFLA_INFO_DATA for kind "veth" (linux/veth.h): the peer, an ifinfomsg then IFLA_* attributes.</summary>
public static class VethInfo
{
    public const ushort Peer = 1;
}

/// <summary>Address attributes (linux/if_addr.h, enum IFA_*).</summary>
public static class Ifa
{
    public const ushort Address = 1;
    public const ushort Local = 2;
    public const ushort Label = 3;
    public const ushort Broadcast = 4;
    public const ushort Flags = 8;
}

/// <summary>Route attributes (linux/rtnetlink.h, enum RTA_*).</summary>
public static class Rta
{
    public const ushort Dst = 1;
    public const ushort Src = 2;
    public const ushort Iif = 3;
    public const ushort Oif = 4;
    public const ushort Gateway = 5;
    public const ushort Priority = 6;
    public const ushort PrefSrc = 7;
    public const ushort Metrics = 8;
    public const ushort Table = 15;
}

/// <summary>Nested in RTA_METRICS (linux/rtnetlink.h, enum RTAX_*).</summary>
public static class Rtax
{
    public const ushort Mtu = 2;
}

/// <summary>rtmsg field values: tables, protocols, scopes, types, flags (linux/rtnetlink.h).</summary>
public static class RouteFields
{
    public const byte TableMain = 254;
    public const byte TableLocal = 255;
    public const byte ProtocolKernel = 2;
    /// <summary>RTPROT_BOOT: what <c>ip route add</c> marks routes with.</summary>
    public const byte ProtocolBoot = 3;
    public const byte ScopeUniverse = 0;
    public const byte ScopeLink = 253;
    public const byte ScopeHost = 254;
    public const byte TypeUnicast = 1;
    public const byte TypeLocal = 2;
    public const byte TypeBroadcast = 3;
    /// <summary>RTNH_F_ONLINK: the gateway is reachable on the device even outside its subnets.</summary>
    public const uint FlagOnLink = 4;
}

/// <summary>Neighbour attributes (linux/neighbour.h, enum NDA_*).</summary>
public static class Nda
{
    public const ushort Dst = 1;
    public const ushort LlAddr = 2;
    public const ushort Vni = 7;
    public const ushort Master = 9;
}

/// <summary>ndmsg state (NUD_*) and flag (NTF_*) bits (linux/neighbour.h).</summary>
public static class NeighbourFields
{
    public const ushort StateReachable = 0x02;
    public const ushort StateStale = 0x04;
    public const ushort StateNoArp = 0x40;
    public const ushort StatePermanent = 0x80;
    /// <summary>NTF_SELF: the entry belongs to the device itself (the VXLAN FDB), not to a bridge master.</summary>
    public const byte FlagSelf = 0x02;
    public const byte FlagMaster = 0x04;
}

/// <summary>Address families netlink requests carry (linux/socket.h).</summary>
public static class AddressFamilies
{
    public const byte Unspecified = 0;
    public const byte Inet = 2;
    public const byte Bridge = 7;
    public const byte Inet6 = 10;
}

/// <summary>IFLA_OPERSTATE values (RFC 2863), named as <c>ip link</c> prints them.</summary>
public static class OperStates
{
    private static readonly string[] Names = ["UNKNOWN", "NOTPRESENT", "DOWN", "LOWERLAYERDOWN", "TESTING", "DORMANT", "UP"];

    public static string Name(byte value) => value < Names.Length ? Names[value] : $"STATE{value}";
}
