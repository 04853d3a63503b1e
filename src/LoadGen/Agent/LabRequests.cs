using PerfSuite.Lab.Fleet;

namespace PerfSuite.LoadGen.Agent;

/// <summary>The fleet's lab-building requests (docs/fleet.md), served only by an agent started with <c>--allow-lab</c>.
/// The first, <see cref="LabBeginRequest"/>, takes the agent's lease: until the connection that sent it closes, or
/// stays silent for <see cref="LabBeginRequest.LeaseSeconds"/>, no other runner may build here (it gets <c>busy</c>);
/// when either happens the agent removes what the run built and restores the NIC's features.</summary>
public abstract record LabRequest : ControlRequest;

/// <summary>Take the lease and start lab <see cref="Lab"/> as host <see cref="Host"/> (1..250) of the run.</summary>
public sealed record LabBeginRequest : LabRequest
{
    public required string Lab { get; init; }
    public required int Host { get; init; }
    public double LeaseSeconds { get; init; } = 10;

    /// <summary>Another host of the run: an agent started without --nic tests the NIC its kernel routes this address through.</summary>
    public string? Peer { get; init; }
}

/// <summary>Keep the lease: the runner sends one every few seconds while it has nothing else to ask.</summary>
public sealed record LabRenewRequest : LabRequest;

/// <summary>Set the NIC's features to <see cref="Changes"/> (feature name → on) on top of their state before the run;
/// profile <see cref="Profile"/> names it in replies and journals.</summary>
public sealed record LabOffloadsRequest : LabRequest
{
    public required string Profile { get; init; }
    public required IReadOnlyDictionary<string, bool> Changes { get; init; }
}

/// <summary>Build this host's half of <see cref="Path"/> up to the facts its <see cref="PeerCount"/> peers need.</summary>
public sealed record LabPrepareRequest : LabRequest
{
    public required string Path { get; init; }
    public required int PeerCount { get; init; }
}

/// <summary>Add the other hosts' halves of <see cref="Path"/> (their facts, as they answered prepare).</summary>
public sealed record LabConnectRequest : LabRequest
{
    public required string Path { get; init; }
    public required IReadOnlyList<FleetNodeFacts> Peers { get; init; }
}

/// <summary>Answer path verification probes in this host's pod of the connected <see cref="Path"/> until the run ends
/// (the receiving end of <see cref="LabVerifyRequest"/>).</summary>
public sealed record LabAnswerProbesRequest : LabRequest
{
    public required string Path { get; init; }

    public const string Name = "lab-answer-probes";
}

/// <summary>Verify the connected <see cref="Path"/> from this host's pod to host <see cref="Receiver"/>'s, which answers
/// probes on <see cref="Port"/> (its <see cref="LabAnswerProbesRequest"/>): reachability, the encapsulation captured on
/// this host's NIC under test, the path MTU with don't-fragment probes.</summary>
public sealed record LabVerifyRequest : LabRequest
{
    public required string Path { get; init; }
    public required int Receiver { get; init; }
    public required int Port { get; init; }

    /// <summary>The wire name, which <see cref="LabBegunReply.Requests"/> lists on agents that serve it.</summary>
    public const string Name = "lab-verify";
}

/// <summary>The NIC's probe snapshot now (one is recorded per cell).</summary>
public sealed record LabSnapshotRequest : LabRequest;

/// <summary>Remove what the run built, restore the NIC, and give the lease back.</summary>
public sealed record LabEndRequest : LabRequest;
