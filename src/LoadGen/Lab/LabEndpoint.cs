using System.Net;

namespace PerfSuite.LoadGen.Lab;

/// <summary>Where traffic of a path starts or ends: a pod, or a node for the host path. Agents run in
/// <see cref="Namespace"/> and bind <see cref="Address"/>.</summary>
public sealed record LabEndpoint(string Namespace, IPAddress Address, string Device)
{
    public override string ToString() => $"{Address} in {Namespace}";
}
