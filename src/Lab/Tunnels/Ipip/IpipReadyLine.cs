using System.Globalization;

namespace PerfSuite.Lab.Tunnels.Ipip;

/// <summary>
/// The one line <c>perfsuite tunnel ipip</c> prints on stdout once its TUN device is up and both loops run:
/// <c>ready pid=1234 tun=tunl0 mtu=1480 path-mtu=1500</c>. Whoever started the process waits for it.
/// </summary>
public sealed record IpipReadyLine(int Pid, string TunName, int TunMtu, int PathMtu)
{
    public const string Prefix = "ready ";

    public string Format() => string.Create(CultureInfo.InvariantCulture,
        $"{Prefix}pid={Pid} tun={TunName} mtu={TunMtu} path-mtu={PathMtu}");

    public static IpipReadyLine? TryParse(string? line)
    {
        if (line is null || !line.StartsWith(Prefix, StringComparison.Ordinal))
            return null;
        var fields = line[Prefix.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(f => f.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        return fields.TryGetValue("pid", out var pid) && int.TryParse(pid, CultureInfo.InvariantCulture, out var p) &&
               fields.TryGetValue("tun", out var tun) &&
               fields.TryGetValue("mtu", out var mtu) && int.TryParse(mtu, CultureInfo.InvariantCulture, out var m) &&
               fields.TryGetValue("path-mtu", out var pathMtu) && int.TryParse(pathMtu, CultureInfo.InvariantCulture, out var pm)
            ? new IpipReadyLine(p, tun, m, pm)
            : null;
    }
}
