namespace PerfSuite.Model.Fleet;

/// <summary>One ordered pair of a fleet schedule: <paramref name="Sender"/> sends to <paramref name="Receiver"/>.</summary>
public readonly record struct HostPair(string Sender, string Receiver)
{
    public override string ToString() => $"{Sender}→{Receiver}";
}
