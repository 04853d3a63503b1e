using System.Globalization;
using System.Net;
using System.Text;
using PerfSuite.Model.Errors;

namespace PerfSuite.Lab.Tunnels.Wireguard;

/// <summary>
/// The WireGuard cross-platform UAPI text protocol (wireguard.com/xplatform): <c>key=value</c> lines ending with an
/// empty line; keys hex-encoded; peer keys follow the <c>public_key</c> line that opens the peer. The reply to both
/// operations ends with <c>errno=N</c>. Pure text in, text out.
/// </summary>
public static class WireguardUapiText
{
    /// <summary>A <c>set=1</c> request that replaces the whole configuration: key, port and exactly these peers.</summary>
    public static string FormatSet(X25519KeyPair keyPair, int listenPort, IReadOnlyList<WireguardPeer> peers)
    {
        var text = new StringBuilder();
        text.Append("set=1\n");
        text.Append(CultureInfo.InvariantCulture, $"private_key={keyPair.PrivateKeyHex}\n");
        text.Append(CultureInfo.InvariantCulture, $"listen_port={listenPort}\n");
        text.Append("replace_peers=true\n");
        foreach (var peer in peers)
        {
            var key = X25519KeyPair.DecodeBase64Key(peer.PublicKey, "peer public key");
            text.Append(CultureInfo.InvariantCulture, $"public_key={Convert.ToHexStringLower(key)}\n");
            if (peer.Endpoint is { } endpoint)
                text.Append(CultureInfo.InvariantCulture, $"endpoint={endpoint}\n");
            if (peer.PersistentKeepaliveSeconds is { } keepalive)
                text.Append(CultureInfo.InvariantCulture, $"persistent_keepalive_interval={keepalive}\n");
            text.Append("replace_allowed_ips=true\n");
            foreach (var allowed in peer.AllowedIps)
                text.Append(CultureInfo.InvariantCulture, $"allowed_ip={allowed}\n");
        }
        text.Append('\n');
        return text.ToString();
    }

    public const string GetRequest = "get=1\n\n";

    /// <summary>The errno of a reply (0 is success); a reply without one is a protocol error.</summary>
    public static int ReplyErrno(string reply)
    {
        foreach (var line in reply.Split('\n'))
        {
            if (line.StartsWith("errno=", StringComparison.Ordinal) &&
                int.TryParse(line.AsSpan(6), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var errno))
                return errno;
        }
        throw new PerfSuiteException(ErrorReason.Protocol, $"WireGuard UAPI reply without errno: '{reply.Trim()}'");
    }

    /// <summary>Parses a <c>get=1</c> reply.</summary>
    public static WireguardDeviceStatus ParseGet(string reply)
    {
        string? publicKey = null;
        var listenPort = 0;
        var peers = new List<WireguardPeerStatus>();
        PeerBuilder? peer = null;
        foreach (var line in reply.Split('\n'))
        {
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
                continue;
            var key = line[..equals];
            var value = line[(equals + 1)..];
            switch (key)
            {
                case "private_key":
                    publicKey = X25519KeyPair.FromPrivateKey(Convert.FromHexString(value)).PublicKeyBase64;
                    break;
                case "listen_port":
                    listenPort = int.Parse(value, CultureInfo.InvariantCulture);
                    break;
                case "public_key":
                    if (peer is not null)
                        peers.Add(peer.Build());
                    peer = new PeerBuilder(Convert.ToBase64String(Convert.FromHexString(value)));
                    break;
                case "endpoint" when peer is not null:
                    peer.Endpoint = IPEndPoint.Parse(value);
                    break;
                case "allowed_ip" when peer is not null:
                    peer.AllowedIps.Add(IPNetwork.Parse(value));
                    break;
                case "last_handshake_time_sec" when peer is not null:
                    peer.HandshakeSeconds = long.Parse(value, CultureInfo.InvariantCulture);
                    break;
                case "last_handshake_time_nsec" when peer is not null:
                    peer.HandshakeNanoseconds = long.Parse(value, CultureInfo.InvariantCulture);
                    break;
                case "rx_bytes" when peer is not null:
                    peer.RxBytes = long.Parse(value, CultureInfo.InvariantCulture);
                    break;
                case "tx_bytes" when peer is not null:
                    peer.TxBytes = long.Parse(value, CultureInfo.InvariantCulture);
                    break;
                case "persistent_keepalive_interval" when peer is not null:
                    peer.Keepalive = int.Parse(value, CultureInfo.InvariantCulture);
                    break;
            }
        }
        if (peer is not null)
            peers.Add(peer.Build());
        return new WireguardDeviceStatus(publicKey, listenPort, peers);
    }

    private sealed class PeerBuilder(string publicKey)
    {
        public IPEndPoint? Endpoint;
        public readonly List<IPNetwork> AllowedIps = [];
        public long HandshakeSeconds;
        public long HandshakeNanoseconds;
        public long RxBytes;
        public long TxBytes;
        public int Keepalive;

        // A handshake time of 0 means none yet (the UAPI reports the Unix epoch).
        public WireguardPeerStatus Build() => new(publicKey, Endpoint, AllowedIps,
            HandshakeSeconds == 0 && HandshakeNanoseconds == 0
                ? null
                : DateTimeOffset.FromUnixTimeSeconds(HandshakeSeconds).AddTicks(HandshakeNanoseconds / 100),
            RxBytes, TxBytes, Keepalive);
    }
}
