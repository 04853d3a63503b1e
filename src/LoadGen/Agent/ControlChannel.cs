using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using PerfSuite.Model.Errors;

namespace PerfSuite.LoadGen.Agent;

/// <summary>One control connection: reads messages of one type and writes messages of another, a JSON object per line,
/// or, once <see cref="Seal"/> is called, one sealed message per line (<see cref="ControlSeal"/>).
/// Writes are serialised, so replies from concurrent handlers never interleave.</summary>
internal sealed class ControlChannel<TIn, TOut>(Stream stream, int maxLineBytes, JsonTypeInfo<TIn> input, JsonTypeInfo<TOut> output)
    : IAsyncDisposable
    where TIn : class
    where TOut : class
{
    private static readonly byte[] Newline = "\n"u8.ToArray();
    private readonly ControlLineReader _reader = new(stream, ControlSeal.SealedLength(maxLineBytes));
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private volatile ControlSeal? _seal;
    private bool _ended;

    /// <summary>Sealed: a plain line that may still end the connection, the peer's refusal in clear (it could not
    /// seal it for a peer that does not know the token). Such a line is the last one read; any other plain line
    /// after <see cref="Seal"/> fails like a forged one.</summary>
    public Func<TIn, bool>? FinalPlainMessage { get; init; }

    /// <summary>From now on every line read must open with <paramref name="seal"/> and every line written is sealed.
    /// The caller makes sure no read or write is under way on the other side of this switch.</summary>
    public void Seal(ControlSeal seal) => _seal = seal;

    /// <summary>The next message; null at the end of the connection. A line that is too long or not a valid message
    /// throws <see cref="PerfSuiteException"/> (Protocol) and leaves the channel usable. On a sealed channel, a line
    /// that does not open (changed, injected, replayed, or sealed with another token) throws
    /// <see cref="IOException"/>: the connection can no longer be trusted.</summary>
    public async ValueTask<TIn?> ReadAsync(CancellationToken cancel)
    {
        if (_ended)
            return null;
        var line = await _reader.ReadAsync(cancel);
        switch (line.Kind)
        {
            case ControlLineKind.EndOfStream:
                return null;
            case ControlLineKind.Oversized:
                // It was one sealed message too, unread: the peer's next line carries the next sequence number.
                _seal?.Skip();
                throw new PerfSuiteException(ErrorReason.Protocol, $"control line longer than {maxLineBytes} bytes");
        }
        var bytes = line.Bytes;
        if (_seal is { } seal)
        {
            if (bytes.Length > 0 && bytes.Span[0] == (byte)'{' && FinalPlainMessage is { } final
                && TryParse(bytes.Span) is { } plain && final(plain))
            {
                _ended = true;
                return plain;
            }
            bytes = seal.Open(bytes.Span)
                ?? throw new IOException("a control message failed authentication (changed, injected or replayed on the way, or sealed with another token); closing the connection");
        }
        if (bytes.Length > maxLineBytes)
            throw new PerfSuiteException(ErrorReason.Protocol, $"control line longer than {maxLineBytes} bytes");
        try
        {
            return JsonSerializer.Deserialize(bytes.Span, input)
                ?? throw new PerfSuiteException(ErrorReason.Protocol, "control line is JSON null");
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException or ArgumentException)
        {
            throw new PerfSuiteException(ErrorReason.Protocol, $"malformed control message: {FirstLine(e.Message)}");
        }
    }

    /// <summary>How long one message may take to be written: a peer that stops reading (its receive window full)
    /// would otherwise block the writer, and hold its connection, for ever.</summary>
    public static readonly TimeSpan WriteDeadline = TimeSpan.FromSeconds(10);

    /// <summary>Writes one message. A peer that does not take it within <see cref="WriteDeadline"/> gets an
    /// <see cref="IOException"/>: its connection is of no further use, and callers treat it as gone. <paramref name="plain"/>
    /// writes it unsealed even on a sealed channel: only for the last line to a peer that failed to prove the token.</summary>
    public async Task WriteAsync(TOut message, CancellationToken cancel, bool plain = false)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(message, output);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        deadline.CancelAfter(WriteDeadline);
        try
        {
            await _writeLock.WaitAsync(deadline.Token);
            try
            {
                // Sealed under the lock: the sequence numbers must follow the order lines go out.
                var bytes = _seal is { } seal && !plain ? seal.Seal(json) : json;
                await stream.WriteAsync(bytes, deadline.Token);
                await stream.WriteAsync(Newline, deadline.Token);
                await stream.FlushAsync(deadline.Token);
            }
            finally
            {
                _writeLock.Release();
            }
        }
        catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
        {
            throw new IOException($"the control peer took nothing for {WriteDeadline.TotalSeconds:0} s; closing its connection");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stream.DisposeAsync();
        _writeLock.Dispose();
        _seal?.Dispose();
    }

    private TIn? TryParse(ReadOnlySpan<byte> bytes)
    {
        try
        {
            return JsonSerializer.Deserialize(bytes, input);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException or ArgumentException)
        {
            return null;
        }
    }

    private static string FirstLine(string message)
    {
        var end = message.IndexOfAny(['\r', '\n']);
        return end < 0 ? message : message[..end];
    }
}
