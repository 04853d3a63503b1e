namespace PerfSuite.LoadGen.Tunnels;

/// <summary>Who carries a tunnel's packets: a kernel module, or a userspace program over a TUN device
/// (DESIGN.md: every result records <c>impl: kernel|userspace</c>).</summary>
public enum TunnelImplementation
{
    Kernel,
    Userspace,
}
