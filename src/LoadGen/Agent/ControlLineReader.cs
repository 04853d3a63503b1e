namespace PerfSuite.LoadGen.Agent;

/// <summary>Reads '\n'-terminated lines of at most <c>maxBytes</c> from a stream without ever holding more than that:
/// a longer line is skipped up to its end and reported as <see cref="ControlLineKind.Oversized"/>, so a peer cannot make
/// the agent buffer without bound, and the connection stays usable.</summary>
internal sealed class ControlLineReader(Stream stream, int maxBytes)
{
    private byte[] _buffer = new byte[Math.Min(4096, maxBytes + 1)];
    private int _start;
    private int _end;
    private bool _discarding;

    /// <summary>The returned bytes are valid until the next call.</summary>
    public async ValueTask<ControlLine> ReadAsync(CancellationToken cancel)
    {
        while (true)
        {
            var newline = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
            if (newline >= 0)
            {
                var line = _buffer.AsMemory(_start, newline - _start);
                _start = newline + 1;
                if (_discarding)
                {
                    _discarding = false;
                    return ControlLine.Oversized;
                }
                if (line.Length > maxBytes)
                    return ControlLine.Oversized;
                if (line.Length > 0 && line.Span[^1] == (byte)'\r')
                    line = line[..^1];
                return new ControlLine(ControlLineKind.Line, line);
            }
            if (_discarding || _end - _start > maxBytes)
            {
                _discarding = true;
                _start = _end = 0;
            }
            else if (_start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }
            if (_end == _buffer.Length)
                Array.Resize(ref _buffer, Math.Min(_buffer.Length * 2, maxBytes + 1));
            var read = await stream.ReadAsync(_buffer.AsMemory(_end), cancel);
            if (read == 0)
                return ControlLine.EndOfStream;
            _end += read;
        }
    }
}
