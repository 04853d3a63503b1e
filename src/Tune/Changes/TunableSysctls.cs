namespace PerfSuite.Tune.Changes;

/// <summary>The only sysctls tune ever writes, and so the only ones a journal may restore: a tampered journal must
/// not reach <c>kernel.core_pattern</c> or <c>kernel.modprobe</c> (code execution as root). The rules take their keys
/// from here, so a new rule's sysctl is one line here.</summary>
public static class TunableSysctls
{
    public const string TcpRmem = "net.ipv4.tcp_rmem";
    public const string TcpWmem = "net.ipv4.tcp_wmem";
    public const string CoreRmemMax = "net.core.rmem_max";
    public const string CoreWmemMax = "net.core.wmem_max";
    public const string NetdevMaxBacklog = "net.core.netdev_max_backlog";
    public const string TcpNotsentLowat = "net.ipv4.tcp_notsent_lowat";
    public const string TcpSlowStartAfterIdle = "net.ipv4.tcp_slow_start_after_idle";

    public static IReadOnlySet<string> All { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        TcpRmem, TcpWmem, CoreRmemMax, CoreWmemMax, NetdevMaxBacklog, TcpNotsentLowat, TcpSlowStartAfterIdle,
    };

    /// <summary>Every one of them holds one to three non-negative decimal integers separated by spaces or tabs (as read back).</summary>
    public static bool IsValue(string value)
    {
        var fields = value.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        return fields.Length is >= 1 and <= 3 && fields.All(f => f.Length <= 20 && f.All(char.IsAsciiDigit));
    }
}
