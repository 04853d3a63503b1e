
using PerfSuite.Kernel;
using PerfSuite.Kernel.Netlink;

namespace PerfSuite.Lab.Tunnels;

/// <summary>
/// Finds out whether the kernel can create links of a kind (<c>ipip</c>, <c>wireguard</c>) the only reliable way:
/// by asking for one. An RTM_NEWLINK with that IFLA_INFO_KIND makes the kernel load the module if it can
/// (request_module "rtnl-link-KIND"); without one it answers EOPNOTSUPP, "Unknown device type".
/// </summary>
public static class KernelLinkKinds
{
    /// <summary>The name of the link created and deleted again while probing.</summary>
    public const string ProbeLinkName = "ps-kindprobe";

    /// <summary>Tries to create a link of <paramref name="kind"/> in namespace <paramref name="netns"/> and deletes it
    /// again. Use a namespace nobody else uses: the probe link exists there for a moment.</summary>
    public static TunnelCapability Probe(string kind, string netns)
    {
        using var client = RtnetlinkClient.Open(netns);
        try
        {
            client.AddLink(new LinkSettings(ProbeLinkName), kind);
        }
        catch (KernelModuleMissingException)
        {
            return TunnelCapability.Unusable($"the kernel has no '{kind}' module");
        }
        catch (ErrnoException e)
        {
            return TunnelCapability.Unusable($"cannot create '{kind}' links: {e.Message}");
        }
        client.DeleteLink(ProbeLinkName);
        return TunnelCapability.Usable;
    }
}
