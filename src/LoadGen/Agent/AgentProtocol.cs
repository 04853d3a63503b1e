namespace PerfSuite.LoadGen.Agent;

/// <summary>Constants of the agent control protocol: one JSON object per line (UTF-8, '\n'), each with a
/// <c>type</c> and an <c>id</c> that the reply echoes. Requests: hello, prepare-receive, run-send, results,
/// sample-cpu, stop, shutdown. Replies: hello, challenge, prepared, started, results, cpu, stopped, bye, error.</summary>
public static class AgentProtocol
{
    /// <summary>Bumped when a message changes incompatibly; hello carries it both ways.</summary>
    public const int Version = 2;

    /// <summary>Longest request line an agent reads; requests are small, so more is an attack or a bug.</summary>
    public const int MaxRequestBytes = 64 * 1024;

    /// <summary>Longest reply line a client reads: results carry a timeline and a histogram.</summary>
    public const int MaxReplyBytes = 32 * 1024 * 1024;
}
