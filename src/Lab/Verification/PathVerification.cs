namespace PerfSuite.Lab.Verification;

/// <summary>
/// What was observed on a built path before it was reported ready: whether the client reached the server and
/// back, the largest don't-fragment datagram that crossed (versus the MTU the path should carry), and what a
/// capture on node 1's underlay saw while probes crossed (versus the datapath's <c>WireSignature</c>).
/// </summary>
public sealed record PathVerification(
    bool Reachable,
    int ExpectedPathMtu,
    int? ObservedPathMtu,
    string ExpectedOnWire,
    bool? WireMatches,
    string WireObservation,
    IReadOnlyList<string> Failures)
{
    public bool Passed => Failures.Count == 0;
}
