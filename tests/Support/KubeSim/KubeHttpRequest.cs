namespace PerfSuite.Tests.Support.KubeSim;

/// <summary>One HTTP request as the simulated API server received it: the path unescaped, the query's parameters
/// by name, headers case-insensitive.</summary>
public sealed record KubeHttpRequest(string Method, string Path, IReadOnlyDictionary<string, string> Query,
    IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string? QueryValue(string name) => Query.TryGetValue(name, out var value) && value.Length > 0 ? value : null;
}
