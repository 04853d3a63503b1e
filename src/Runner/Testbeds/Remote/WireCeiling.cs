using PerfSuite.LoadGen.Traffic;
using PerfSuite.Model.Ceiling;
using PerfSuite.Model.Datapaths;
using PerfSuite.Model.Results;

namespace PerfSuite.Runner.Testbeds.Remote;

/// <summary>The goodput ceiling of a remote run's <c>tcp-stream</c> cells (methodology §2): the slower of the two
/// hosts' line rates under their traffic interfaces, the path MTU, the VLAN tag if either side has one, and the inner
/// TCP header with timestamps when both hosts have them on (they are used only when both ends agree).</summary>
public sealed record WireCeiling(WireLineRate LineRate, int InnerHeaderBytes)
{
    /// <summary>Null when neither host has a line rate to know.</summary>
    public static WireCeiling? For(RunEnvironment local, RunEnvironment peer, bool ipv6)
    {
        var timestamps = TimestampsOn(local) && TimestampsOn(peer);
        var header = ipv6
            ? timestamps ? GoodputCeiling.Ipv6TcpTimestamps : GoodputCeiling.Ipv6Tcp
            : timestamps ? GoodputCeiling.Ipv4TcpTimestamps : GoodputCeiling.Ipv4Tcp;
        return Between(WireLineRate.Of(local), WireLineRate.Of(peer), header);
    }

    /// <summary>The ceiling between two ends whose line rates are known or not: the slower one's, VLAN-tagged when either
    /// end's frames are; null when neither has one.</summary>
    public static WireCeiling? Between(WireLineRate? a, WireLineRate? b, int innerHeaderBytes)
    {
        var rates = new[] { a, b }.OfType<WireLineRate>().ToList();
        if (rates.Count == 0)
            return null;
        var slowest = rates.MinBy(r => r.Bps)!;
        return new WireCeiling(slowest with { VlanTagged = rates.Any(r => r.VlanTagged) }, innerHeaderBytes);
    }

    /// <summary>The ceiling and the efficiency (goodput / ceiling) of one cell; both null for a test that moves no bulk
    /// data (request/response) or one whose goodput is counted against a different header (UDP).</summary>
    public (double? CeilingBps, double? Efficiency) Apply(Datapath path, int underlayMtu, int podMtu, TestKind test, double? goodputBps)
    {
        if (test != TestKind.TcpStream)
            return (null, null);
        var ceiling = GoodputCeiling.Compute(path,
            new CeilingInputs(LineRate.Bps, underlayMtu, InnerHeaderBytes, LineRate.VlanTagged, podMtu)).GoodputBps;
        return (ceiling, goodputBps is > 0 ? goodputBps / ceiling : null);
    }

    /// <summary>net.ipv4.tcp_timestamps: 0 is off; 1, 2 and 3 all put the option on the wire. It governs IPv6 too.</summary>
    private static bool TimestampsOn(RunEnvironment environment) =>
        !environment.Sysctls.TryGetValue("net.ipv4.tcp_timestamps", out var value) || value.Trim() != "0";
}
