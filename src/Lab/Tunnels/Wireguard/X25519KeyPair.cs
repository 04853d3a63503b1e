using System.Security.Cryptography;
using Org.BouncyCastle.Math.EC.Rfc7748;
using PerfSuite.Model.Errors;

namespace PerfSuite.Lab.Tunnels.Wireguard;

/// <summary>
/// A WireGuard (Curve25519) key pair made in-process, so no <c>wg</c> binary is needed. The private key is clamped
/// as <c>wg genkey</c> clamps it (RFC 7748 §5); keys are shown base64 as <c>wg</c> shows them and hex for the UAPI.
/// <see cref="ToString"/> never shows the private key.
/// </summary>
public sealed class X25519KeyPair
{
    public const int KeyLength = 32;

    private readonly byte[] _privateKey;
    private readonly byte[] _publicKey;

    private X25519KeyPair(byte[] privateKey)
    {
        _privateKey = privateKey;
        _publicKey = new byte[KeyLength];
        X25519.ScalarMultBase(_privateKey, _publicKey);
    }

    public ReadOnlySpan<byte> PrivateKey => _privateKey;

    public ReadOnlySpan<byte> PublicKey => _publicKey;

    public string PrivateKeyBase64 => Convert.ToBase64String(_privateKey);

    public string PublicKeyBase64 => Convert.ToBase64String(_publicKey);

    public string PrivateKeyHex => Convert.ToHexStringLower(_privateKey);

    public string PublicKeyHex => Convert.ToHexStringLower(_publicKey);

    /// <summary>A fresh key pair from the operating system's CSPRNG.</summary>
    public static X25519KeyPair Generate()
    {
        var key = RandomNumberGenerator.GetBytes(KeyLength);
        Clamp(key);
        return new X25519KeyPair(key);
    }

    /// <summary>The pair of a private key given as <c>wg genkey</c> prints it (base64 of 32 bytes).</summary>
    public static X25519KeyPair FromPrivateKeyBase64(string privateKey) => FromPrivateKey(DecodeBase64Key(privateKey, "private key"));

    /// <summary>The pair of a 32-byte private key, clamped first (Curve25519 ignores the clamped bits anyway).</summary>
    public static X25519KeyPair FromPrivateKey(ReadOnlySpan<byte> privateKey)
    {
        if (privateKey.Length != KeyLength)
            throw new PerfSuiteException(ErrorReason.InvalidArgument, $"a WireGuard key is {KeyLength} bytes, not {privateKey.Length}");
        var key = privateKey.ToArray();
        Clamp(key);
        return new X25519KeyPair(key);
    }

    /// <summary>The shared secret with a peer's public key (what a handshake computes), for checking pairs.</summary>
    public byte[] Agree(ReadOnlySpan<byte> peerPublicKey)
    {
        var secret = new byte[KeyLength];
        if (!X25519.CalculateAgreement(_privateKey, peerPublicKey, secret))
            throw new PerfSuiteException(ErrorReason.InvalidArgument, "the peer's public key is a low-order point");
        return secret;
    }

    /// <summary>Decodes a base64 WireGuard key and checks its length.</summary>
    public static byte[] DecodeBase64Key(string text, string what)
    {
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            throw new PerfSuiteException(ErrorReason.InvalidArgument, $"the WireGuard {what} is not base64");
        }
        return bytes.Length == KeyLength
            ? bytes
            : throw new PerfSuiteException(ErrorReason.InvalidArgument, $"the WireGuard {what} is {bytes.Length} bytes, not {KeyLength}");
    }

    public override string ToString() => $"X25519 public key {PublicKeyBase64}";

    private static void Clamp(Span<byte> key)
    {
        key[0] &= 248;
        key[31] = (byte)((key[31] & 127) | 64);
    }
}
