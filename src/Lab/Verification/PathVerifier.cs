using PerfSuite.Model.Datapaths;

namespace PerfSuite.Lab.Verification;

/// <summary>
/// Checks a built path before it is reported ready: the client reaches the server and back; a capture on the
/// client node's underlay sees the probes carried as the datapath says (and never bare when they should be
/// encapsulated); the largest don't-fragment datagram that crosses is the MTU the path should carry.
/// </summary>
internal static class PathVerifier
{
    private static readonly TimeSpan RoundTripTimeout = TimeSpan.FromSeconds(1);
    private const int RoundTripAttempts = 3;
    /// <summary>How long a probe may take to cross a lab path (well under a millisecond when it arrives at all);
    /// generous because the machine may be busy.</summary>
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan CaptureWindow = TimeSpan.FromSeconds(1);
    private const int CaptureProbes = 3;

    public static PathVerification Verify(PathCluster cluster, LabEndpoint client, LabEndpoint server, WireSignature wire,
        int expectedMtu, Func<string, string, int> ifindex)
    {
        var failures = new List<string>();
        using var probes = UdpProbePair.Open(client, server);
        var reachable = Enumerable.Range(0, RoundTripAttempts).Any(_ => probes.RoundTrip(RoundTripTimeout));
        if (!reachable)
        {
            failures.Add($"{client} does not reach {server} and back");
            return new PathVerification(false, expectedMtu, null, wire.Description, null, "not checked: unreachable", failures);
        }

        var (wireMatches, observation) = CheckWire(cluster, client, server, wire, ifindex, probes);
        if (wireMatches == false)
            failures.Add($"on the underlay: expected {wire.Description}, saw {observation}");

        var observed = PathMtuSearch.Search(expectedMtu, size => probes.Arrives(size, ProbeTimeout));
        if (observed != expectedMtu)
            failures.Add($"path MTU observed {(observed?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none")}, expected {expectedMtu}");
        return new PathVerification(true, expectedMtu, observed, wire.Description, wireMatches, observation, failures);
    }

    private static (bool? Matches, string Observation) CheckWire(PathCluster cluster, LabEndpoint client, LabEndpoint server,
        WireSignature wire, Func<string, string, int> ifindex, UdpProbePair probes)
    {
        if (wire.Encapsulation == WireEncapsulation.NotOnWire)
            return (null, "not applicable: the pods share one node's bridge, nothing crosses an underlay");
        var clientNode = NodeOf(cluster, client);
        var serverNode = NodeOf(cluster, server);
        var classifier = UnderlayFrameClassifier.For(client, server, clientNode, serverNode, wire);
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
        using (var capture = UnderlayCapture.Open(clientNode.Namespace, clientNode.UnderlayDevice,
            ifindex(clientNode.Namespace, clientNode.UnderlayDevice)))
        {
            probes.Burst(CaptureProbes);
            capture.Read(CaptureWindow, frame =>
            {
                seen++;
                var observation = classifier.Classify(frame);
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
            : (false, $"no such packet among {seen} frames on {clientNode.UnderlayDevice} of {clientNode.Namespace}");
    }

    private static LabNode NodeOf(PathCluster cluster, LabEndpoint endpoint) =>
        cluster.Nodes.FirstOrDefault(n => n.Namespace == endpoint.Namespace)
        ?? cluster.Node(cluster.Pods.Single(p => p.Namespace == endpoint.Namespace).Node);
}
