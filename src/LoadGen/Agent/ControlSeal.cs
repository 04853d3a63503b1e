using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace PerfSuite.LoadGen.Agent;

/// <summary>
/// The protection of a remote control session after hello (docs/agent-protocol.md, "Authentication"). Both sides
/// derive one AES-256-GCM key per direction with HKDF-SHA256 from the token and the two hello nonces, so the token
/// itself never crosses the wire and every session has fresh keys. Each line after the challenge is
/// <c>base64(ciphertext ‖ tag)</c> of one JSON message, sealed under a nonce made of that direction's message counter:
/// a line changed, injected, replayed, reordered or dropped by anyone without the token fails to open, and the
/// connection is closed. The runner's first sealed message is its proof of the token; the agent's first sealed reply
/// is the agent's.
/// </summary>
internal sealed class ControlSeal : IDisposable
{
    /// <summary>Bytes of each side's hello nonce.</summary>
    public const int NonceBytes = 32;

    private const int TagBytes = 16;
    private static readonly byte[] RunnerToAgent = "perfsuite control 2 runner->agent"u8.ToArray();
    private static readonly byte[] AgentToRunner = "perfsuite control 2 agent->runner"u8.ToArray();

    private readonly AesGcm _send;
    private readonly AesGcm _receive;
    private ulong _sent;
    private ulong _received;

    private ControlSeal(byte[] sendKey, byte[] receiveKey)
    {
        _send = new AesGcm(sendKey, TagBytes);
        _receive = new AesGcm(receiveKey, TagBytes);
        CryptographicOperations.ZeroMemory(sendKey);
        CryptographicOperations.ZeroMemory(receiveKey);
    }

    /// <summary>The runner's seal: it sends runner→agent and opens agent→runner.</summary>
    public static ControlSeal ForRunner(string token, ReadOnlySpan<byte> runnerNonce, ReadOnlySpan<byte> agentNonce) =>
        new(Key(token, runnerNonce, agentNonce, RunnerToAgent), Key(token, runnerNonce, agentNonce, AgentToRunner));

    /// <summary>The agent's seal: it sends agent→runner and opens runner→agent.</summary>
    public static ControlSeal ForAgent(string token, ReadOnlySpan<byte> runnerNonce, ReadOnlySpan<byte> agentNonce) =>
        new(Key(token, runnerNonce, agentNonce, AgentToRunner), Key(token, runnerNonce, agentNonce, RunnerToAgent));

    /// <summary>A fresh hello nonce, base64 as it travels.</summary>
    public static string NewNonce() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(NonceBytes));

    /// <summary>The nonce a hello or challenge carries; null when it is missing or not <see cref="NonceBytes"/> bytes.</summary>
    public static byte[]? ParseNonce(string? text)
    {
        if (text is null)
            return null;
        var bytes = new byte[NonceBytes];
        return Convert.TryFromBase64String(text, bytes, out var length) && length == NonceBytes ? bytes : null;
    }

    /// <summary>The longest sealed line that carries a message of <paramref name="plainBytes"/>.</summary>
    public static int SealedLength(int plainBytes) => checked((plainBytes + TagBytes + 2) / 3 * 4);

    /// <summary>Seals the next outgoing message; the caller writes messages in the order it seals them.</summary>
    public byte[] Seal(ReadOnlySpan<byte> message)
    {
        var sealedBytes = new byte[message.Length + TagBytes];
        Span<byte> nonce = stackalloc byte[12];
        Nonce(nonce, _sent++);
        _send.Encrypt(nonce, message, sealedBytes.AsSpan(0, message.Length), sealedBytes.AsSpan(message.Length));
        return Encoding.ASCII.GetBytes(Convert.ToBase64String(sealedBytes));
    }

    /// <summary>Opens the next incoming line; null when it is not exactly what the peer sealed next.</summary>
    public byte[]? Open(ReadOnlySpan<byte> line)
    {
        var raw = new byte[line.Length / 4 * 3];
        if (!Convert.TryFromBase64Chars(Encoding.ASCII.GetString(line), raw, out var length) || length < TagBytes)
            return null;
        var message = new byte[length - TagBytes];
        Span<byte> nonce = stackalloc byte[12];
        Nonce(nonce, _received);
        try
        {
            _receive.Decrypt(nonce, raw.AsSpan(0, message.Length), raw.AsSpan(message.Length, TagBytes), message);
        }
        catch (CryptographicException)
        {
            return null;
        }
        _received++;
        return message;
    }

    /// <summary>Passes over one incoming line that was too long to read: an honest peer sealed it as one message, so
    /// its next line carries the next number. A forged one only breaks the session, which forgery always may.</summary>
    public void Skip() => _received++;

    public void Dispose()
    {
        _send.Dispose();
        _receive.Dispose();
    }

    private static byte[] Key(string token, ReadOnlySpan<byte> runnerNonce, ReadOnlySpan<byte> agentNonce, byte[] direction)
    {
        var salt = new byte[runnerNonce.Length + agentNonce.Length];
        runnerNonce.CopyTo(salt);
        agentNonce.CopyTo(salt.AsSpan(runnerNonce.Length));
        var key = new byte[32];
        HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(token), key, salt, direction);
        return key;
    }

    private static void Nonce(Span<byte> nonce, ulong counter)
    {
        nonce[..4].Clear();
        BinaryPrimitives.WriteUInt64BigEndian(nonce[4..], counter);
    }
}
