namespace PerfSuite.EndToEnd.Tests.Support;

/// <summary>A throw-away network namespace (<c>ip netns add ps-t&lt;hex&gt;</c>) holding one device of every kind
/// this kernel can make, several with features toggled by <c>ethtool -K</c> into states that show
/// "[requested on]". Made with ip and ethtool only, so PerfSuite is compared with independent tools. The
/// namespace is deleted on Dispose, even when creating it failed halfway.</summary>
public sealed class DeviceZoo : IDisposable
{
    private readonly Dictionary<string, string> _missing = new(StringComparer.Ordinal);

    public DeviceZoo()
    {
        if (!Environment.IsPrivilegedProcess)
            return;
        Name = "ps-t" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray().AsSpan(0, 3));
        Shell.Run("ip", "netns", "add", Name);
        try
        {
            Ip("link", "add", "veth0", "type", "veth", "peer", "name", "veth1");
            Ip("link", "add", "br0", "type", "bridge");
            Ip("link", "set", "veth1", "master", "br0");
            Ip("link", "add", "vxlan0", "type", "vxlan", "id", "42", "dstport", "8472", "nolearning");
            Ip("link", "add", "veth2", "type", "veth", "peer", "name", "veth3");
            Ip("link", "add", "macvlan0", "link", "veth2", "type", "macvlan");
            Ip("tuntap", "add", "tun0", "mode", "tun");
            Ip("tuntap", "add", "tap0", "mode", "tap");
            foreach (var device in new[] { "lo", "veth0", "veth1", "br0", "vxlan0", "veth2", "veth3", "macvlan0" })
                Ip("link", "set", device, "up");
            TryAdd("ifb0", "ifb");
            TryAdd("dummy0", "dummy");
            // veth0: without scatter-gather the kernel drops TSO and GSO; asking for TSO again leaves the wish
            // recorded but inactive, "[requested on]".
            Ethtool("-K", "veth0", "sg", "off");
            Ethtool("-K", "veth0", "tso", "on");
            // vxlan0: without a tx checksum TSO cannot stay on either.
            Ethtool("-K", "vxlan0", "tx-checksum-ip-generic", "off");
            Ethtool("-K", "veth1", "gro", "on", "rx-udp-gro-forwarding", "on");
            Ethtool("-K", "br0", "tx-nocache-copy", "on", "rx-gro-list", "on");
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>The namespace name, or null when not root (nothing was made).</summary>
    public string? Name { get; }

    /// <summary>Every device the tests compare, with lo first.</summary>
    public static readonly string[] Devices =
        ["lo", "veth0", "veth1", "br0", "vxlan0", "veth2", "veth3", "macvlan0", "tun0", "tap0", "ifb0", "dummy0"];

    /// <summary>Why <paramref name="device"/> could not be made on this kernel, or null when it exists.</summary>
    public string? Missing(string device) => _missing.GetValueOrDefault(device);

    public string Ip(params string[] args) => Shell.Run("ip", ["-n", Name!, .. args]);

    public string Ethtool(params string[] args) => Shell.Run("ip", ["netns", "exec", Name!, "ethtool", .. args]);

    public void Dispose()
    {
        if (Name is not null)
            Shell.TryRun("ip", "netns", "del", Name);
    }

    private void TryAdd(string device, string kind)
    {
        var (code, _, stderr) = Shell.TryRun("ip", "-n", Name!, "link", "add", device, "type", kind);
        if (code != 0)
            _missing[device] = $"this kernel cannot make a {kind} device ({stderr.Trim()})";
    }
}
