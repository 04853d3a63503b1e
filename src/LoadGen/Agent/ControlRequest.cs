using System.Text.Json.Serialization;
using PerfSuite.LoadGen.Traffic;

namespace PerfSuite.LoadGen.Agent;

/// <summary>A line from the runner to an agent. The JSON <c>type</c> names the request.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(HelloRequest), "hello")]
[JsonDerivedType(typeof(PrepareReceiveRequest), "prepare-receive")]
[JsonDerivedType(typeof(RunSendRequest), "run-send")]
[JsonDerivedType(typeof(ResultsRequest), "results")]
[JsonDerivedType(typeof(SampleCpuRequest), "sample-cpu")]
[JsonDerivedType(typeof(EnvironmentRequest), "environment")]
[JsonDerivedType(typeof(StopRequest), "stop")]
[JsonDerivedType(typeof(ShutdownRequest), "shutdown")]
[JsonDerivedType(typeof(LabBeginRequest), "lab-begin")]
[JsonDerivedType(typeof(LabRenewRequest), "lab-renew")]
[JsonDerivedType(typeof(LabOffloadsRequest), "lab-offloads")]
[JsonDerivedType(typeof(LabPrepareRequest), "lab-prepare")]
[JsonDerivedType(typeof(LabConnectRequest), "lab-connect")]
[JsonDerivedType(typeof(LabSnapshotRequest), "lab-snapshot")]
[JsonDerivedType(typeof(LabAnswerProbesRequest), LabAnswerProbesRequest.Name)]
[JsonDerivedType(typeof(LabVerifyRequest), LabVerifyRequest.Name)]
[JsonDerivedType(typeof(LabEndRequest), "lab-end")]
public abstract record ControlRequest
{
    /// <summary>Chosen by the client; the reply carries the same id.</summary>
    public long Id { get; init; }
}

/// <summary>Must be the first request. In remote mode (TCP) it carries the runner's fresh <see cref="Nonce"/>, never the
/// token: the agent answers with a <see cref="ChallengeReply"/>, and the runner proves the token by sending hello again
/// sealed with the session keys (<see cref="ControlSeal"/>). A runner that cannot gets an error and is disconnected.</summary>
public sealed record HelloRequest : ControlRequest
{
    /// <summary><see cref="AgentProtocol.Version"/> of the runner.</summary>
    public required int Protocol { get; init; }

    /// <summary>Remote mode: <see cref="ControlSeal.NonceBytes"/> random bytes in base64, in the first (plain) hello.</summary>
    public string? Nonce { get; init; }
}

/// <summary>Bind the receiving side of <see cref="Spec"/> and start waiting for the sender. The reply names the port.
/// <see cref="BindAddress"/> defaults to the agent's data address (its --listen address in remote mode, any address
/// of its namespace otherwise).</summary>
public sealed record PrepareReceiveRequest : ControlRequest
{
    public required TestSpec Spec { get; init; }
    public string? BindAddress { get; init; }

    /// <summary>Fleet runs: a pod namespace the agent's lab built, to receive in instead of the agent's own.</summary>
    public string? Netns { get; init; }
}

/// <summary>Run the sending side of <see cref="Spec"/> against a receiver prepared on <see cref="Peer"/>:<see cref="Port"/>.
/// The reply comes as soon as the test has started; its outcome is fetched with <see cref="ResultsRequest"/>.</summary>
public sealed record RunSendRequest : ControlRequest
{
    public required TestSpec Spec { get; init; }
    public required string Peer { get; init; }
    public required int Port { get; init; }

    /// <summary>Fleet runs: a pod namespace the agent's lab built, to send from; the peer must then be a pod of a
    /// connected host (allowed without --allow-send: the traffic never leaves the run's namespaces and macvlans).</summary>
    public string? Netns { get; init; }
}

/// <summary>Wait for the current (or last) test of this agent to finish and return its <see cref="Traffic.SideResult"/>.
/// Other requests on the same connection are still served while this one waits.</summary>
public sealed record ResultsRequest : ControlRequest
{
    /// <summary>How long to wait; 0 means the test's own length plus its timeouts.</summary>
    public double TimeoutSeconds { get; init; }
}

/// <summary>Read this host's CPU over <see cref="DurationSeconds"/> while no test runs: the idle baseline a runner
/// subtracts (methodology §3), taken on each host in remote mode. Refused while a test runs.</summary>
public sealed record SampleCpuRequest : ControlRequest
{
    public required double DurationSeconds { get; init; }
}

/// <summary>Describe the agent's host for a results file (remote mode, where each host records its own): kernel, CPU,
/// memory, the sysctls of its namespace, and the <c>perfsuite/probe@1</c> snapshot of the interfaces test traffic
/// crosses. <see cref="Peer"/> is the runner's traffic address: the agent asks its kernel for the route back to it
/// and probes that interface and the devices under it. Without a peer it probes every interface of its namespace.</summary>
public sealed record EnvironmentRequest : ControlRequest
{
    public string? Peer { get; init; }
}

/// <summary>Abort the running test, if any. A pending results request then gets an error.</summary>
public sealed record StopRequest : ControlRequest;

/// <summary>Stop the running test and end the agent process.</summary>
public sealed record ShutdownRequest : ControlRequest;
