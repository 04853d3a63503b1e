namespace PerfSuite.LoadGen.Traffic;

/// <summary>Names of <see cref="TestKind"/> as users type them (<c>tcp-stream</c>).</summary>
public static class TestKinds
{
    public static IReadOnlyList<TestKind> All { get; } = Enum.GetValues<TestKind>();

    public static string Name(TestKind kind) => kind switch
    {
        TestKind.TcpStream => "tcp-stream",
        TestKind.TcpRr => "tcp-rr",
        TestKind.TcpCrr => "tcp-crr",
        TestKind.UdpStream => "udp-stream",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static bool TryParse(string name, out TestKind kind)
    {
        foreach (var k in All)
        {
            if (string.Equals(Name(k), name, StringComparison.OrdinalIgnoreCase))
            {
                kind = k;
                return true;
            }
        }
        kind = default;
        return false;
    }
}
