using PerfSuite.Lab.Fleet;
using PerfSuite.Lab.Offloads;
using PerfSuite.Model.Probe;
using PerfSuite.Model.Results;

namespace PerfSuite.LoadGen.Agent;

/// <summary>The lease is held: who this host is in results, and its NIC under test.</summary>
public sealed record LabBegunReply : ControlReply
{
    public required string Name { get; init; }
    public required string Nic { get; init; }
    public required int NicMtu { get; init; }
    public required ProbeDocument Snapshot { get; init; }

    /// <summary>Every link of the host's namespace by name (a Kubernetes run finds the CNI's tunnel devices among them);
    /// null from an agent older than this field.</summary>
    public IReadOnlyList<string>? Devices { get; init; }

    /// <summary>The lab requests this agent serves beyond those of the first fleet agents (<c>lab-verify</c> and its
    /// <c>lab-answer-probes</c>); null from an agent older than this field, which serves none of them.</summary>
    public IReadOnlyList<string>? Requests { get; init; }
}

/// <summary>Answers renew and end.</summary>
public sealed record LabDoneReply : ControlReply;

/// <summary>What the NIC's features ended as, and its snapshot after the change.</summary>
public sealed record LabOffloadsReply : ControlReply
{
    public required OffloadApplication Nic { get; init; }
    public required ProbeDocument Snapshot { get; init; }
}

public sealed record LabNodeReply : ControlReply
{
    public required FleetNodeFacts Facts { get; init; }
}

/// <summary>The path is connected; the offload profile as its tunnel devices took it.</summary>
public sealed record LabConnectedReply : ControlReply
{
    public required IReadOnlyList<OffloadApplication> Tunnels { get; init; }
}

public sealed record LabSnapshotReply : ControlReply
{
    public required ProbeDocument Snapshot { get; init; }
}

/// <summary>Where this host's pod answers verification probes.</summary>
public sealed record LabAnsweringReply : ControlReply
{
    public required string Address { get; init; }
    public required int Port { get; init; }
}

/// <summary>What the verification of one ordered pair of hosts saw.</summary>
public sealed record LabVerifiedReply : ControlReply
{
    public required PathVerification Verification { get; init; }
}
