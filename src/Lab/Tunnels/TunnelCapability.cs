namespace PerfSuite.Lab.Tunnels;

/// <summary>Whether one building block of a tunnel is usable here, and if not, why, in words a user can act on.</summary>
public sealed record TunnelCapability(bool Available, string? Reason)
{
    public static TunnelCapability Usable { get; } = new(true, null);

    public static TunnelCapability Unusable(string reason) => new(false, reason);
}
