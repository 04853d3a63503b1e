namespace PerfSuite.Probe.Netlink;

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

/// <summary>IFLA_OPERSTATE values (RFC 2863), named as <c>ip link</c> prints them.</summary>
public static class OperStates
{
    private static readonly string[] Names = ["UNKNOWN", "NOTPRESENT", "DOWN", "LOWERLAYERDOWN", "TESTING", "DORMANT", "UP"];

    public static string Name(byte value) => value < Names.Length ? Names[value] : $"STATE{value}";
}
