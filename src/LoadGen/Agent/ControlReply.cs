using System.Text.Json.Serialization;
using PerfSuite.LoadGen.Cpu;
using PerfSuite.LoadGen.Traffic;
using PerfSuite.Model.Results;

namespace PerfSuite.LoadGen.Agent;

/// <summary>A line from an agent to the runner, answering the request with the same <see cref="Id"/> (null when the
/// request could not even be read).</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(HelloReply), "hello")]
[JsonDerivedType(typeof(ChallengeReply), "challenge")]
[JsonDerivedType(typeof(PreparedReply), "prepared")]
[JsonDerivedType(typeof(StartedReply), "started")]
[JsonDerivedType(typeof(ResultsReply), "results")]
[JsonDerivedType(typeof(CpuReply), "cpu")]
[JsonDerivedType(typeof(EnvironmentReply), "environment")]
[JsonDerivedType(typeof(StoppedReply), "stopped")]
[JsonDerivedType(typeof(ByeReply), "bye")]
[JsonDerivedType(typeof(ErrorReply), "error")]
[JsonDerivedType(typeof(LabBegunReply), "lab-begun")]
[JsonDerivedType(typeof(LabDoneReply), "lab-done")]
[JsonDerivedType(typeof(LabOffloadsReply), "lab-offloads")]
[JsonDerivedType(typeof(LabNodeReply), "lab-node")]
[JsonDerivedType(typeof(LabConnectedReply), "lab-connected")]
[JsonDerivedType(typeof(LabSnapshotReply), "lab-snapshot")]
[JsonDerivedType(typeof(LabAnsweringReply), "lab-answering")]
[JsonDerivedType(typeof(LabVerifiedReply), "lab-verified")]
public abstract record ControlReply
{
    public long? Id { get; init; }
}

/// <summary>Who the agent is: enough for the runner to record the environment of each side.</summary>
public sealed record HelloReply : ControlReply
{
    public required int Protocol { get; init; }
    public required string Version { get; init; }
    public required string Hostname { get; init; }
    public required int Pid { get; init; }
    public string? Netns { get; init; }
    public required string Kernel { get; init; }
    public required int CpuCount { get; init; }
    public required long UserHz { get; init; }
    public required string DataAddress { get; init; }
    public int DataPort { get; init; }
    public required TestLimits Limits { get; init; }
}

/// <summary>Remote mode: the agent's fresh nonce, in answer to the plain hello. Everything after it is sealed with keys
/// derived from the token and both nonces (<see cref="ControlSeal"/>).</summary>
public sealed record ChallengeReply : ControlReply
{
    public required string Nonce { get; init; }
}

public sealed record PreparedReply : ControlReply
{
    public required string Address { get; init; }
    public required int Port { get; init; }
}

public sealed record StartedReply : ControlReply;

public sealed record ResultsReply : ControlReply
{
    public required SideResult Result { get; init; }
}

public sealed record CpuReply : ControlReply
{
    public required CpuAccount Cpu { get; init; }
}

/// <summary>The agent host's environment; <see cref="RunEnvironment.TrafficInterface"/> names the interface the route to
/// the runner leaves by, and <see cref="RunEnvironment.Probe"/> holds its snapshot.</summary>
public sealed record EnvironmentReply : ControlReply
{
    public required RunEnvironment Environment { get; init; }
}

public sealed record StoppedReply : ControlReply
{
    public bool WasRunning { get; init; }
}

public sealed record ByeReply : ControlReply;

/// <summary><see cref="Code"/> is an <see cref="Model.Errors.ErrorReason"/> in camelCase (busy, invalidArgument,
/// permissionDenied, timeout, protocol, ...); <see cref="Message"/> is one line for a person.</summary>
public sealed record ErrorReply : ControlReply
{
    public required string Code { get; init; }
    public required string Message { get; init; }
}
