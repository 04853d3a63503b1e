namespace PerfSuite.LoadGen.Lab.Datapaths;

/// <summary>Who moves the packets of a built path: the kernel's own module, or a userspace program standing in
/// for a module the kernel lacks (wireguard-go, PerfSuite's TUN encapsulator). Every result records it.</summary>
public enum DatapathImpl
{
    Kernel,
    Userspace,
}
