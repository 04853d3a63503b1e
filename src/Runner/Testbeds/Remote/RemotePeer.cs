using System.Globalization;
using System.Net;
using System.Net.Sockets;
using PerfSuite.Model.Errors;

namespace PerfSuite.Runner.Testbeds.Remote;

/// <summary>The far end of a remote run: where its agent listens (<c>perfsuite agent --listen</c> on host B), the token it
/// wants, and the network namespace this host's side runs in (null: the caller's own).</summary>
/// <param name="Host">IP address or host name of the agent.</param>
/// <param name="Port">Its control port.</param>
/// <param name="ConnectTimeout">How long connecting and saying hello may take before the peer is called unreachable.</param>
public sealed record RemotePeer(string Host, int Port, string Token, string? LocalNetns, TimeSpan ConnectTimeout)
{
    public static readonly TimeSpan DefaultConnectTimeout = TimeSpan.FromSeconds(5);

    /// <summary>The data address the user expects the agent to announce (<c>--peer-data-address</c>): the only one other
    /// than the control address the runner will send to.</summary>
    public IPAddress? DataAddress { get; init; }

    /// <summary><c>HOST:PORT</c>, <c>IPV4:PORT</c> or <c>[IPV6]:PORT</c>.</summary>
    public static RemotePeer Parse(string text, string token, string? localNetns, TimeSpan? connectTimeout = null)
    {
        var timeout = connectTimeout ?? DefaultConnectTimeout;
        if (IPEndPoint.TryParse(text, out var endPoint) && endPoint.Port != 0 && text.Contains(':', StringComparison.Ordinal)
            && (endPoint.AddressFamily == AddressFamily.InterNetwork || text.StartsWith('[')))
            return new RemotePeer(endPoint.Address.ToString(), endPoint.Port, token, localNetns, timeout);
        var colon = text.LastIndexOf(':');
        if (colon > 0 && !text[..colon].Contains(':', StringComparison.Ordinal) && Uri.CheckHostName(text[..colon]) == UriHostNameType.Dns
            && int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is >= 1 and <= 65535)
            return new RemotePeer(text[..colon], port, token, localNetns, timeout);
        throw new PerfSuiteException(ErrorReason.InvalidArgument,
            $"--peer wants HOST:PORT (an IPv6 address in brackets, a port from 1 to 65535), not '{text}'");
    }

    /// <summary>The agent's address: the host as given when it is an IP address, else its first IPv4 address (the
    /// first address at all when it has none).</summary>
    public async Task<IPEndPoint> ResolveAsync(CancellationToken cancel)
    {
        if (IPAddress.TryParse(Host, out var literal))
            return new IPEndPoint(literal, Port);
        IPAddress[] addresses;
        try
        {
            addresses = await Dns.GetHostAddressesAsync(Host, cancel).WaitAsync(ConnectTimeout, cancel);
        }
        catch (Exception e) when (e is SocketException or TimeoutException)
        {
            throw new PerfSuiteException(ErrorReason.NotFound, $"cannot resolve the peer '{Host}': {e.Message}");
        }
        var chosen = addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? addresses.FirstOrDefault()
            ?? throw new PerfSuiteException(ErrorReason.NotFound, $"the peer '{Host}' has no address");
        return new IPEndPoint(chosen, Port);
    }

    public override string ToString() => Host.Contains(':', StringComparison.Ordinal)
        ? string.Create(CultureInfo.InvariantCulture, $"[{Host}]:{Port}")
        : string.Create(CultureInfo.InvariantCulture, $"{Host}:{Port}");
}
