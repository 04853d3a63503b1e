namespace PerfSuite.Kernel.Netlink;

/// <summary>nlmsghdr flags (linux/netlink.h).</summary>
public static class NetlinkFlags
{
    public const ushort Request = 0x01;
    public const ushort Multi = 0x02;
    public const ushort Ack = 0x04;
    public const ushort Echo = 0x08;
    public const ushort Root = 0x100;
    public const ushort Match = 0x200;
    public const ushort Dump = Root | Match;
    public const ushort Replace = 0x100;
    public const ushort Excl = 0x200;
    public const ushort Create = 0x400;
    public const ushort Append = 0x800;
}

/// <summary>Control message types every netlink family shares.</summary>
public static class NetlinkMessageTypes
{
    public const ushort Noop = 1;
    public const ushort Error = 2;
    public const ushort Done = 3;
}
