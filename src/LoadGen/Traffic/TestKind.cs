using System.Text.Json.Serialization;

namespace PerfSuite.LoadGen.Traffic;

/// <summary>The traffic tests an agent can run; the JSON and command-line names are the lowercase hyphenated ones.</summary>
public enum TestKind
{
    [JsonStringEnumMemberName("tcp-stream")] TcpStream,
    [JsonStringEnumMemberName("tcp-rr")] TcpRr,
    [JsonStringEnumMemberName("tcp-crr")] TcpCrr,
    [JsonStringEnumMemberName("udp-stream")] UdpStream,
}
