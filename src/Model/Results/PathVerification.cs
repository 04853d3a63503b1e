using System.Text.Json.Serialization;

namespace PerfSuite.Model.Results;

/// <summary>
/// What was observed on a built path before it was measured: whether the client reached the server and back, the
/// largest don't-fragment datagram that crossed (versus the MTU the path should carry), and what a capture on the
/// client side's underlay saw while probes crossed (versus the datapath's <c>WireSignature</c>). The lab verifies each
/// path between node 1's pod and node 2's (capture on node 1's underlay); a fleet run verifies every ordered pair of
/// hosts (capture on the sender's NIC under test). A results cell carries the verification of its path
/// (<see cref="CellResult.Verification"/>); a path that did not pass has its cells failed with <see cref="Failures"/>.
/// </summary>
/// <param name="Reachable">The client reached the server and back with small probes.</param>
/// <param name="ExpectedPathMtu">The MTU the path should carry (its pod MTU, or its tunnel's when smaller).</param>
/// <param name="ObservedPathMtu">The largest don't-fragment IPv4 packet that crossed; null when none did or the path
/// was unreachable.</param>
/// <param name="ExpectedOnWire">What the capture should see (<c>UDP 8472 (VXLAN) between the nodes</c> ...).</param>
/// <param name="WireMatches">Whether it did; null when not checked (unreachable, or nothing crosses an underlay).</param>
/// <param name="WireObservation">What the capture saw, one line.</param>
/// <param name="Failures">Why the path did not pass; empty when it did.</param>
/// <param name="CapturedOn">Where the capture ran: <c>eth0 in ps-lab-vx-n1</c>, or a fleet host's NIC
/// (<c>eth0 of host a</c>); null in files written before it was recorded.</param>
public sealed record PathVerification(
    bool Reachable,
    int ExpectedPathMtu,
    int? ObservedPathMtu,
    string ExpectedOnWire,
    bool? WireMatches,
    string WireObservation,
    IReadOnlyList<string> Failures,
    string? CapturedOn = null)
{
    [JsonIgnore]
    public bool Passed => Failures.Count == 0;
}
