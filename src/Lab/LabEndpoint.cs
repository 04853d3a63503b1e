using System.Net;

namespace PerfSuite.Lab;

/// <summary>Where traffic of a path starts or ends: a pod, or a node for the host path. Agents run in
/// <see cref="Namespace"/> and bind <see cref="Address"/>.</summary>
public sealed record LabEndpoint(string Namespace, IPAddress Address, string Device)
{
    public override string ToString() => $"{Address} in {Namespace}";

    /// <summary>The address and namespace of an endpoint as <see cref="ToString"/> wrote them into a lab's state
    /// (<c>LabPathSummary.Client</c>, <c>Server</c>), for tools that measure a lab built by another process.</summary>
    public static bool TryParse(string? text, out IPAddress address, out string netns)
    {
        address = IPAddress.None;
        netns = "";
        var parts = text?.Split(" in ") ?? [];
        if (parts.Length != 2 || !IPAddress.TryParse(parts[0], out var parsed) || parts[1].Length == 0)
            return false;
        address = parsed;
        netns = parts[1];
        return true;
    }
}
