namespace PerfSuite.Kernel.Netlink;

/// <summary>What every new link can be given at creation: its name, MTU, whether it comes up, and a master
/// (bridge) to join. Creating it up and enslaved saves the round trips of separate <c>link set</c> requests.</summary>
public sealed record LinkSettings(string Name, int? Mtu = null, bool Up = false, int? MasterIndex = null);
