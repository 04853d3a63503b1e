namespace PerfSuite.Model.Results;

/// <summary>An agent's own CPU from getrusage over the window. It misses softirq work done on other CPUs, in
/// ksoftirqd and in kworkers, so it splits application cost from datapath cost and nothing more.</summary>
/// <param name="Role">"client" or "server" (sender and receiver of a stream test).</param>
public sealed record AgentCpuUsage(string Role, double UserSeconds, double SystemSeconds);
