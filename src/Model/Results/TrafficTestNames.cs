namespace PerfSuite.Model.Results;

/// <summary>The names of the traffic tests as they appear in results (<see cref="CellResult.Test"/>) and on the
/// command line. Kept as strings in the document so that a reader of version 1 can still show a test it does
/// not know.</summary>
public static class TrafficTestNames
{
    public const string TcpStream = "tcp-stream";
    public const string TcpRr = "tcp-rr";
    public const string TcpCrr = "tcp-crr";
    public const string UdpStream = "udp-stream";

    public static IReadOnlyList<string> All { get; } = [TcpStream, TcpRr, TcpCrr, UdpStream];
}
