using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using PerfSuite.Model.Errors;

namespace PerfSuite.LoadGen.Agent;

/// <summary>One control connection: reads messages of one type and writes messages of another, a JSON object per line.
/// Writes are serialised, so replies from concurrent handlers never interleave.</summary>
internal sealed class ControlChannel<TIn, TOut>(Stream stream, int maxLineBytes, JsonTypeInfo<TIn> input, JsonTypeInfo<TOut> output)
    : IAsyncDisposable
    where TIn : class
    where TOut : class
{
    private static readonly byte[] Newline = "\n"u8.ToArray();
    private readonly ControlLineReader _reader = new(stream, maxLineBytes);
    private readonly SemaphoreSlim _writeLock = new(1, 1);

    /// <summary>The next message; null at the end of the connection. A line that is too long or not a valid message
    /// throws <see cref="PerfSuiteException"/> (Protocol) and leaves the channel usable.</summary>
    public async ValueTask<TIn?> ReadAsync(CancellationToken cancel)
    {
        var line = await _reader.ReadAsync(cancel);
        switch (line.Kind)
        {
            case ControlLineKind.EndOfStream:
                return null;
            case ControlLineKind.Oversized:
                throw new PerfSuiteException(ErrorReason.Protocol, $"control line longer than {maxLineBytes} bytes");
        }
        try
        {
            return JsonSerializer.Deserialize(line.Bytes.Span, input)
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
    /// <see cref="IOException"/>: its connection is of no further use, and callers treat it as gone.</summary>
    public async Task WriteAsync(TOut message, CancellationToken cancel)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(message, output);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        deadline.CancelAfter(WriteDeadline);
        try
        {
            await _writeLock.WaitAsync(deadline.Token);
            try
            {
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
    }

    private static string FirstLine(string message)
    {
        var end = message.IndexOfAny(['\r', '\n']);
        return end < 0 ? message : message[..end];
    }
}
