namespace PerfSuite.Lab.Tunnels.Ipip;

/// <summary>What <see cref="IpipEncapsulation.Decapsulate"/> decided about a packet from the raw socket.</summary>
public enum DecapsulationVerdict
{
    /// <summary>A well-formed IP-in-IP packet from the configured peer: the inner packet is to be delivered.</summary>
    Accepted,
    /// <summary>Shorter than its headers say.</summary>
    Truncated,
    /// <summary>The outer header is not IPv4.</summary>
    NotIpv4,
    /// <summary>The outer protocol is not 4.</summary>
    NotIpip,
    /// <summary>The outer source is not the configured remote endpoint: not ours to decapsulate.</summary>
    WrongPeer,
    /// <summary>The outer destination is not the configured local endpoint.</summary>
    WrongDestination,
    /// <summary>An outer fragment; the kernel reassembles before a raw socket sees a packet, so this is malformed.</summary>
    Fragment,
    /// <summary>The payload is not a complete IPv4 packet.</summary>
    InnerMalformed,
    /// <summary>Congestion Experienced outside, Not-ECT inside: RFC 6040 §4.2 says drop.</summary>
    CongestionOnNonEct,
}
