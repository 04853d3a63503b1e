namespace PerfSuite.Lab.Verification;

/// <summary>What one captured underlay frame was, as far as it concerns the probes.</summary>
public enum WireObservationKind
{
    /// <summary>Not a probe, nor a packet between the nodes' underlay addresses.</summary>
    Unrelated,

    /// <summary>A probe with its own (inner) addresses as the outer ones: no encapsulation.</summary>
    BareProbe,

    /// <summary>VXLAN on the expected UDP port between the nodes, carrying a probe.</summary>
    VxlanProbe,

    /// <summary>Geneve on the expected UDP port between the nodes, carrying a probe.</summary>
    GeneveProbe,

    /// <summary>IP protocol 4 between the nodes, carrying a probe.</summary>
    IpInIpProbe,

    /// <summary>UDP to the expected port between the nodes; its content is not readable (encrypted).</summary>
    UdpToPort,
}

/// <summary>One classified frame, with a line that says what it was (<c>UDP 198.18.0.1 → 198.18.0.2:8472 …</c>).</summary>
public sealed record WireObservation(WireObservationKind Kind, string Summary);
