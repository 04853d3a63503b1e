using PerfSuite.Lab.Tunnels.Wireguard;
using PerfSuite.Model.Errors;

namespace PerfSuite.Lab.Tests.Tunnels;

public sealed class X25519KeyPairTests
{
    [Fact]
    public void Public_keys_match_rfc_7748_test_vectors()
    {
        // RFC 7748 §6.1, Alice and Bob
        var alice = X25519KeyPair.FromPrivateKey(Convert.FromHexString("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a"));
        var bob = X25519KeyPair.FromPrivateKey(Convert.FromHexString("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb"));

        Assert.Equal("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a", alice.PublicKeyHex);
        Assert.Equal("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f", bob.PublicKeyHex);
        Assert.Equal("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742", Convert.ToHexStringLower(alice.Agree(bob.PublicKey)));
    }

    [Fact]
    public void Generated_keys_are_clamped_like_wg_genkey_and_agree_with_each_other()
    {
        var a = X25519KeyPair.Generate();
        var b = X25519KeyPair.Generate();

        Assert.Equal(0, a.PrivateKey[0] & 7);
        Assert.Equal(0x40, a.PrivateKey[31] & 0xc0);
        Assert.NotEqual(a.PublicKeyHex, b.PublicKeyHex);
        Assert.Equal(a.Agree(b.PublicKey), b.Agree(a.PublicKey));
    }

    [Fact]
    public void Keys_round_trip_as_base64_like_wg_prints_them_and_hex_for_the_uapi()
    {
        var a = X25519KeyPair.Generate();

        var again = X25519KeyPair.FromPrivateKeyBase64(a.PrivateKeyBase64);

        Assert.Equal(44, a.PublicKeyBase64.Length);
        Assert.Equal(a.PublicKeyBase64, again.PublicKeyBase64);
        Assert.Equal(Convert.FromBase64String(a.PublicKeyBase64), Convert.FromHexString(a.PublicKeyHex));
        Assert.DoesNotContain(a.PrivateKeyBase64, a.ToString());
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("AAAA")]
    public void Malformed_keys_are_invalid_arguments(string text)
    {
        var e = Assert.Throws<PerfSuiteException>(() => X25519KeyPair.FromPrivateKeyBase64(text));
        Assert.Equal(ErrorReason.InvalidArgument, e.Reason);
    }
}
