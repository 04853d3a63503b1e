using System.Net;
using PerfSuite.Lab.Tunnels.Wireguard;
using PerfSuite.Model.Errors;

namespace PerfSuite.Lab.Tests.Tunnels;

public sealed class WireguardUapiTextTests
{
    private static readonly X25519KeyPair Device = X25519KeyPair.FromPrivateKey(
        Convert.FromHexString("a8dac1d8a70a751f0f699fb14ba1cff7b79cf4fbd8f09f44c6e4a90d0369604d"));
    private const string PeerHex = "25123c5dcd3328ff645e4f2a3fce0d754400d3887a0cb7c56f0267e20fbf3c5b";
    private static readonly string PeerBase64 = Convert.ToBase64String(Convert.FromHexString(PeerHex));

    [Fact]
    public void Set_request_replaces_key_port_and_peers_with_hex_keys()
    {
        var peer = new WireguardPeer(PeerBase64, IPEndPoint.Parse("198.18.0.2:51820"),
            [IPNetwork.Parse("10.42.2.0/24"), IPNetwork.Parse("198.19.0.2/32")], 25);

        var text = WireguardUapiText.FormatSet(Device, 51820, [peer]);

        Assert.Equal(
            "set=1\n" +
            "private_key=a8dac1d8a70a751f0f699fb14ba1cff7b79cf4fbd8f09f44c6e4a90d0369604d\n" +
            "listen_port=51820\n" +
            "replace_peers=true\n" +
            $"public_key={PeerHex}\n" +
            "endpoint=198.18.0.2:51820\n" +
            "persistent_keepalive_interval=25\n" +
            "replace_allowed_ips=true\n" +
            "allowed_ip=10.42.2.0/24\n" +
            "allowed_ip=198.19.0.2/32\n" +
            "\n", text);
    }

    [Fact]
    public void Get_reply_of_wireguard_go_parses_into_device_and_peers()
    {
        // Given what wireguard-go 0.0.20220316 answered for that configuration, plus a second peer after a handshake
        const string reply =
            "private_key=a8dac1d8a70a751f0f699fb14ba1cff7b79cf4fbd8f09f44c6e4a90d0369604d\nlisten_port=51820\n" +
            $"public_key={PeerHex}\npreshared_key=0000000000000000000000000000000000000000000000000000000000000000\n" +
            "protocol_version=1\nendpoint=198.18.0.2:51820\nlast_handshake_time_sec=0\nlast_handshake_time_nsec=0\n" +
            "tx_bytes=0\nrx_bytes=0\npersistent_keepalive_interval=25\nallowed_ip=10.42.2.0/24\nallowed_ip=198.19.0.2/32\n" +
            "public_key=de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f\nendpoint=[fd00::3]:51821\n" +
            "last_handshake_time_sec=1764130000\nlast_handshake_time_nsec=500000000\ntx_bytes=1234\nrx_bytes=5678\n" +
            "persistent_keepalive_interval=0\nallowed_ip=10.42.3.0/24\n" +
            "errno=0\n\n";

        var status = WireguardUapiText.ParseGet(reply);

        Assert.Equal(0, WireguardUapiText.ReplyErrno(reply));
        Assert.Equal(Device.PublicKeyBase64, status.PublicKey);
        Assert.Equal(51820, status.ListenPort);
        Assert.Equal(2, status.Peers.Count);
        var first = status.Peers[0];
        Assert.Equal(PeerBase64, first.PublicKey);
        Assert.Equal(IPEndPoint.Parse("198.18.0.2:51820"), first.Endpoint);
        Assert.Equal(["10.42.2.0/24", "198.19.0.2/32"], first.AllowedIps.Select(n => n.ToString()));
        Assert.Null(first.LatestHandshake);
        Assert.Equal(25, first.PersistentKeepaliveSeconds);
        var second = status.Peers[1];
        Assert.Equal(IPEndPoint.Parse("[fd00::3]:51821"), second.Endpoint);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1764130000500), second.LatestHandshake);
        Assert.Equal(5678, second.RxBytes);
        Assert.Equal(1234, second.TxBytes);
    }

    [Fact]
    public void Error_replies_carry_a_negated_errno_and_a_reply_without_one_is_a_protocol_error()
    {
        Assert.Equal(-22, WireguardUapiText.ReplyErrno("errno=-22\n\n"));
        var e = Assert.Throws<PerfSuiteException>(() => WireguardUapiText.ReplyErrno("listen_port=1\n\n"));
        Assert.Equal(ErrorReason.Protocol, e.Reason);
    }

    [Theory]
    [InlineData("wg-lab1-1", true)]
    [InlineData("wg-mylongname-2", true)]
    [InlineData("wg-mylongnamex-2", false)]
    [InlineData("wg-a b-1", false)]
    public void Interface_names_fit_15_bytes_of_letters_digits_and_dashes(string name, bool valid)
    {
        if (valid)
            WireguardInterfaceName.Validate(name);
        else
            Assert.Equal(ErrorReason.InvalidArgument, Assert.Throws<PerfSuiteException>(() => WireguardInterfaceName.Validate(name)).Reason);
    }
}
