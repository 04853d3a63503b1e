using System.Diagnostics;
using System.Net;
using PerfSuite.Kernel.Namespaces;

namespace PerfSuite.Tests.Support.KubeSim;

/// <summary>
/// One pod as the simulated kubelet runs it: its sandbox (the node's namespace for hostNetwork pods, else a
/// namespace of its own attached by <see cref="FlannelNetwork"/>), a real process per container born in that
/// namespace, and the last lines each container wrote (its log). Containers share the test's mount namespace, as
/// the fleet tests' agents do: a hostNetwork agent's lab namespaces appear under /run/netns where the test (and
/// its cleanup) sees them; /sys is the test's, so what a container learns of its devices it learns by netlink.
/// </summary>
public sealed class SimulatedPod
{
    private readonly Dictionary<string, Process> _processes = [];
    private readonly Dictionary<string, Queue<string>> _logs = [];
    private readonly Lock _gate = new();

    public SimulatedPod(string ns, string name, string uid, int node, string nodeName, bool hostNetwork, string netns)
    {
        Namespace = ns;
        Name = name;
        Uid = uid;
        Node = node;
        NodeName = nodeName;
        HostNetwork = hostNetwork;
        Netns = netns;
    }

    public string Namespace { get; }

    public string Name { get; }

    public string Uid { get; }

    public int Node { get; }

    public string NodeName { get; }

    public bool HostNetwork { get; }

    /// <summary>The namespace the pod's containers run in: the node's, or the pod's own.</summary>
    public string Netns { get; }

    public IPAddress? Address { get; set; }

    /// <summary>Cancelled when the pod is deleted: its start-up and probes stop.</summary>
    public CancellationTokenSource Life { get; } = new();

    /// <summary>The lifecycle task (sandbox, containers, probes); awaited before the sandbox goes.</summary>
    public Task? Lifecycle { get; set; }

    public IReadOnlyCollection<int> Pids
    {
        get
        {
            lock (_gate)
                return _processes.Values.Where(p => !HasExited(p)).Select(p => p.Id).ToList();
        }
    }

    /// <summary>Starts container <paramref name="container"/> as <paramref name="commandLine"/> with
    /// <paramref name="environment"/> added to the test process's own.</summary>
    public Process Start(string container, IReadOnlyList<string> commandLine, IReadOnlyDictionary<string, string> environment)
    {
        var psi = new ProcessStartInfo(commandLine[0]) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var argument in commandLine.Skip(1))
            psi.ArgumentList.Add(argument);
        foreach (var (key, value) in environment)
            psi.Environment[key] = value;
        var process = NetworkNamespace.StartProcess(Netns, psi);
        var log = new Queue<string>();
        lock (_gate)
        {
            _processes[container] = process;
            _logs[container] = log;
        }
        _ = PumpAsync(process.StandardOutput, log);
        _ = PumpAsync(process.StandardError, log);
        return process;
    }

    public string Log(string? container)
    {
        lock (_gate)
        {
            var log = container is null ? _logs.Values.FirstOrDefault() : _logs.GetValueOrDefault(container);
            return log is null ? "" : string.Concat(log.Select(l => l + "\n"));
        }
    }

    /// <summary>Stops every container as the kubelet does: SIGTERM, then SIGKILL after <paramref name="grace"/>, and
    /// waits until each has exited.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        List<Process> processes;
        lock (_gate)
            processes = [.. _processes.Values];
        await Task.WhenAll(processes.Select(p => Kernel.Processes.ProcessTermination.TerminateAsync(p, grace)));
        foreach (var process in processes)
            process.Dispose();
    }

    private static bool HasExited(Process process)
    {
        try
        {
            return process.HasExited;
        }
        catch (InvalidOperationException)
        {
            return true;
        }
    }

    private async Task PumpAsync(StreamReader reader, Queue<string> log)
    {
        try
        {
            while (await reader.ReadLineAsync() is { } line)
            {
                lock (_gate)
                {
                    log.Enqueue(line);
                    if (log.Count > 1000)
                        log.Dequeue();
                }
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException)
        {
        }
    }
}
