namespace PerfSuite.Kernel.Netlink;

/// <summary>The generic netlink controller, nlctrl (linux/genetlink.h): it maps family names to the message types
/// the kernel assigned them when their module registered.</summary>
public static class GenlCtrl
{
    /// <summary>GENL_ID_CTRL: the controller's own fixed message type.</summary>
    public const ushort FamilyId = 0x10;
    public const byte CmdGetFamily = 3;
    public const ushort AttrFamilyId = 1;
    public const ushort AttrFamilyName = 2;
}
