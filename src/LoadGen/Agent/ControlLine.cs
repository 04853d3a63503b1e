namespace PerfSuite.LoadGen.Agent;

/// <summary>What <see cref="ControlLineReader"/> read: a line (without its '\n'), a line that was too long and was
/// skipped, or the end of the connection.</summary>
internal readonly record struct ControlLine(ControlLineKind Kind, ReadOnlyMemory<byte> Bytes)
{
    public static ControlLine EndOfStream => new(ControlLineKind.EndOfStream, default);
    public static ControlLine Oversized => new(ControlLineKind.Oversized, default);
}

internal enum ControlLineKind
{
    Line,
    Oversized,
    EndOfStream,
}
