namespace PerfSuite.Kernel.Netlink;

/// <summary>Changes to an existing link, sent together in one request as <c>ip link set</c> does: MTU, master,
/// move to another namespace (by namespace file descriptor), and up/down. Null leaves a property as it is.</summary>
public sealed record LinkChange(int? Mtu = null, int? MasterIndex = null, int? NetnsFd = null, bool? Up = null)
{
    public override string ToString()
    {
        var parts = new List<string>();
        if (Mtu is { } mtu)
            parts.Add($"mtu {mtu}");
        if (MasterIndex is { } master)
            parts.Add($"master #{master}");
        if (NetnsFd is not null)
            parts.Add("netns");
        if (Up is { } up)
            parts.Add(up ? "up" : "down");
        return string.Join(' ', parts);
    }
}
