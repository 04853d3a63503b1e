using PerfSuite.Model.Datapaths;
using PerfSuite.Model.Results;

namespace PerfSuite.Lab.Verification;

/// <summary>
/// Checks a built path before it is reported ready: the client reaches the server and back; a capture on the
/// client side's underlay sees the probes carried as the datapath says (and never bare when they should be
/// encapsulated); the largest don't-fragment datagram that crosses is the MTU the path should carry. The lab runs both
/// ends here; a fleet run runs the <see cref="UdpProbeResponder"/> on the receiving host and the rest on the sending host,
/// whose NIC under test is the capture's <see cref="UnderlayTap"/>.
/// </summary>
internal static class PathVerifier
{
    private static readonly TimeSpan RoundTripTimeout = TimeSpan.FromSeconds(1);
    private const int RoundTripAttempts = 3;
    /// <summary>How long a probe may take to cross a path and be answered (well under a millisecond when it arrives at
    /// all, on a lab path or a rack's wire); generous because the machine may be busy.</summary>
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan CaptureWindow = TimeSpan.FromSeconds(1);
    private const int CaptureProbes = 3;

    /// <summary>A lab path: both ends in this process, the capture on the client node's underlay.</summary>
    public static PathVerification Verify(PathCluster cluster, LabEndpoint client, LabEndpoint server, WireSignature wire,
        int expectedMtu, Func<string, string, int> ifindex)
    {
        using var responder = UdpProbeResponder.Open(server);
        using var probes = UdpProbeClient.Open(client, responder.EndPoint);
        UnderlayTap? tap = null;
        if (wire.Encapsulation != WireEncapsulation.NotOnWire)
        {
            var clientNode = NodeOf(cluster, client);
            var serverNode = NodeOf(cluster, server);
            tap = new UnderlayTap(clientNode.Namespace, clientNode.UnderlayDevice, ifindex(clientNode.Namespace, clientNode.UnderlayDevice),
                $"{clientNode.UnderlayDevice} in {clientNode.Namespace}", UnderlayFrameClassifier.For(client, server, clientNode, serverNode, wire));
        }
        return Verify(probes, client.ToString(), server.ToString(), tap, wire, expectedMtu);
    }

    /// <summary>Any path, given its probing end (answered by a <see cref="UdpProbeResponder"/> at <paramref name="server"/>)
    /// and where to capture; <paramref name="tap"/> is null when nothing crosses an underlay.</summary>
    public static PathVerification Verify(UdpProbeClient probes, string client, string server, UnderlayTap? tap, WireSignature wire,
        int expectedMtu)
    {
        var failures = new List<string>();
        var reachable = Enumerable.Range(0, RoundTripAttempts).Any(_ => probes.RoundTrip(RoundTripTimeout));
        if (!reachable)
        {
            failures.Add($"{client} does not reach {server} and back");
            return new PathVerification(false, expectedMtu, null, wire.Description, null, "not checked: unreachable", failures, tap?.Where);
        }

        var (wireMatches, observation) = CheckWire(tap, wire, probes);
        if (wireMatches == false)
            failures.Add($"on the underlay: expected {wire.Description}, saw {observation}");

        var observed = PathMtuSearch.Search(expectedMtu, size => probes.Arrives(size, ProbeTimeout));
        if (observed != expectedMtu)
            failures.Add($"path MTU observed {(observed?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none")}, expected {expectedMtu}");
        return new PathVerification(true, expectedMtu, observed, wire.Description, wireMatches, observation, failures, tap?.Where);
    }

    private static (bool? Matches, string Observation) CheckWire(UnderlayTap? tap, WireSignature wire, UdpProbeClient probes)
    {
        if (tap is null || wire.Encapsulation == WireEncapsulation.NotOnWire)
            return (null, "not applicable: the pods share one node's bridge, nothing crosses an underlay");
        var expected = wire.Encapsulation switch
        {
            WireEncapsulation.Bare => WireObservationKind.BareProbe,
            WireEncapsulation.Vxlan => WireObservationKind.VxlanProbe,
            WireEncapsulation.Geneve => WireObservationKind.GeneveProbe,
            WireEncapsulation.IpInIp => WireObservationKind.IpInIpProbe,
            _ => WireObservationKind.UdpToPort,
        };
        WireObservation? match = null, leak = null;
        var seen = 0;
        using (var capture = UnderlayCapture.Open(tap.Netns, tap.Device, tap.Ifindex))
        {
            probes.Burst(CaptureProbes);
            capture.Read(CaptureWindow, frame =>
            {
                seen++;
                var observation = tap.Classifier.Classify(frame);
                if (observation.Kind == expected)
                    match ??= observation;
                else if (observation.Kind == WireObservationKind.BareProbe)
                    leak ??= observation;
                return match is not null;
            });
        }
        if (leak is not null)
            return (false, $"{leak.Summary}: probes left the node unencapsulated");
        return match is not null
            ? (true, match.Summary)
            : (false, $"no such packet among {seen} frames on {tap.Where}");
    }

    private static LabNode NodeOf(PathCluster cluster, LabEndpoint endpoint) =>
        cluster.Nodes.FirstOrDefault(n => n.Namespace == endpoint.Namespace)
        ?? cluster.Node(cluster.Pods.Single(p => p.Namespace == endpoint.Namespace).Node);
}

/// <summary>Where a verification captures: <paramref name="Device"/> (index <paramref name="Ifindex"/>) in namespace
/// <paramref name="Netns"/> (null: the process's own), described as <paramref name="Where"/> in what it records, its
/// frames read by <paramref name="Classifier"/>.</summary>
internal sealed record UnderlayTap(string? Netns, string Device, int Ifindex, string Where, UnderlayFrameClassifier Classifier);
