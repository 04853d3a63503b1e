using System.Net;
using PerfSuite.Lab.State;

namespace PerfSuite.EngineComparison;

/// <summary>The two pods of one lab path: the client (sender) and the server (receiver), each a namespace and its
/// address, as <c>perfsuite lab up</c> recorded them ("10.42.1.2 in ps-lab-nat-n1p1").</summary>
public sealed record LabPathEnds(string Path, string ClientNamespace, IPAddress ClientAddress, string ServerNamespace, IPAddress ServerAddress)
{
    public static LabPathEnds From(LabPathSummary path)
    {
        if (path.Status != "ready" || path.Client is null || path.Server is null)
            throw new InvalidOperationException($"path {path.Path} is {path.Status}: {path.Reason ?? "no pods"}");
        var (clientAddress, clientNs) = Split(path.Client);
        var (serverAddress, serverNs) = Split(path.Server);
        return new LabPathEnds(path.Path, clientNs, clientAddress, serverNs, serverAddress);
    }

    private static (IPAddress Address, string Namespace) Split(string endpoint)
    {
        var parts = endpoint.Split(" in ", 2, StringSplitOptions.TrimEntries);
        return (IPAddress.Parse(parts[0]), parts[1]);
    }
}
