using System.Diagnostics;
using System.Net;
using System.Text;

namespace PerfSuite.Uml.Tests.Support;

/// <summary>
/// Fleet hosts that are separate kernels: one User-Mode Linux per host of a <see cref="FleetHostNamespaces"/> made
/// without addresses, started there by scripts/uml-run with the namespace's <c>eth0</c> as its <c>vec0</c> (UML's
/// vector driver over a raw socket: every frame the UML kernel sends leaves through eth0 onto the fixture's bridge, and
/// the bridge's frames for it come back the same way; <c>gro=1</c> lets it take the large segments a veth hands on).
/// Inside, host K holds 198.51.100.K/24 on vec0 and runs <c>perfsuite agent --listen 198.51.100.K:7070 --allow-lab
/// --name uml-K --nic vec0</c> after the test's own setup commands; the runner runs in the fixture's runner namespace
/// on the same bridge. Nothing reaches the machine's own interfaces. Dispose stops every UML (uml-run kills its whole
/// process group) and deletes the namespaces; every UML process carries a mark, and whatever still runs is killed and
/// reported.
/// </summary>
internal sealed class UmlFleet : IAsyncDisposable
{
    public const int AgentPort = 7070;
    private const string ReadyPrefix = "perfsuite agent listening on tcp:";
    private readonly FleetHostNamespaces _namespaces;
    private readonly List<UmlHost> _hosts = [];

    private UmlFleet(FleetHostNamespaces namespaces) => _namespaces = namespaces;

    /// <summary>The runner's namespace (<c>run --netns</c>), 198.51.100.254 on the hosts' bridge.</summary>
    public string Runner => _namespaces.Runner;

    /// <summary>The bridge's namespace: a capture on its br0 sees every frame between the hosts.</summary>
    public string Switch => _namespaces.Switch;

    /// <summary><c>--hosts</c>: every host's agent, in host order.</summary>
    public string HostsArgument => string.Join(',', _hosts.Select(h => new IPEndPoint(FleetHostNamespaces.AddressOf(h.Number), AgentPort)));

    public static string NameOf(int host) => $"uml-{host}";

    /// <summary>Boots <paramref name="count"/> UML hosts, each running its agent; <paramref name="setup"/> gives host K's
    /// shell commands run before its agent starts (a CPU hog, a qdisc), or null.</summary>
    public static async Task<UmlFleet> StartAsync(int count, string token, Func<int, string?> setup)
    {
        UmlRun.RequireHost();
        var fleet = new UmlFleet(new FleetHostNamespaces(count, "ps-uf", addressed: false));
        try
        {
            for (var k = 1; k <= count; k++)
                fleet._hosts.Add(UmlHost.Start(fleet._namespaces.Hosts[k - 1], k, token, setup(k)));
            foreach (var host in fleet._hosts)
                await host.WaitReadyAsync(TimeSpan.FromMinutes(3));
            return fleet;
        }
        catch
        {
            await fleet.DisposeAsync();
            throw;
        }
    }

    /// <summary>What host K's UML printed so far (its agent's log), for failure messages.</summary>
    public string OutputOf(int host) => _hosts[host - 1].Output;

    public async ValueTask DisposeAsync()
    {
        var left = new List<string>();
        foreach (var host in _hosts)
            left.AddRange(await host.StopAsync());
        await _namespaces.DisposeAsync();
        Assert.True(left.Count == 0, $"UML processes were still running after uml-run ended (killed now): {string.Join(", ", left)}");
    }

    private sealed class UmlHost
    {
        private readonly Process _process;
        private readonly StringBuilder _output = new();
        private readonly TaskCompletionSource<string> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

        private UmlHost(Process process, string mark, int number)
        {
            _process = process;
            Mark = mark;
            Number = number;
        }

        public int Number { get; }

        public string Mark { get; }

        public string Output
        {
            get
            {
                lock (_output)
                    return _output.ToString();
            }
        }

        public static UmlHost Start(string netns, int number, string token, string? setup)
        {
            var address = FleetHostNamespaces.AddressOf(number);
            var agent = BuiltCli.CommandLine("agent", "--listen", $"{address}:{AgentPort}", "--allow-lab", "--name", NameOf(number),
                "--nic", "vec0");
            var script = new StringBuilder()
                .AppendLine("set -e")
                .AppendLine($"ip addr add {address}/24 dev vec0")
                .AppendLine("ip link set vec0 up")
                .AppendLine(setup ?? "")
                .Append("exec").AppendJoin("", agent.Select(a => " " + Quote(a))).AppendLine()
                .ToString();
            var psi = new ProcessStartInfo("ip")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = RepositoryPaths.Root,
            };
            // A fixed locally administered MAC per host: the switch's learned addresses stay true across boots.
            foreach (var argument in new[]
                     {
                         "netns", "exec", netns, UmlRun.Script, "--timeout", "900", "--mem", "1G",
                         "--vec", $"transport=raw,ifname={FleetHostNamespaces.Nic},gro=1,mac=02:50:53:00:00:{number:x2}",
                         "--", "bash", "-c", script,
                     })
                psi.ArgumentList.Add(argument);
            var mark = Guid.NewGuid().ToString("N");
            psi.Environment[UmlRun.MarkVariable] = mark;
            psi.Environment["PERFSUITE_TOKEN"] = token;
            var host = new UmlHost(Process.Start(psi)!, mark, number);
            _ = host.PumpAsync(host._process.StandardOutput, ready: true);
            _ = host.PumpAsync(host._process.StandardError, ready: false);
            return host;
        }

        public async Task WaitReadyAsync(TimeSpan timeout)
        {
            var exited = _process.WaitForExitAsync();
            var first = await Task.WhenAny(_ready.Task, exited, Task.Delay(timeout));
            if (first != _ready.Task)
                throw new InvalidOperationException(
                    $"UML host {Number}'s agent did not start ({(first == exited ? $"uml-run exited {_process.ExitCode}" : "timed out")}):\n{Output}");
        }

        /// <summary>SIGTERM to uml-run (which kills its UML's process group), then whatever of it still runs.</summary>
        public async Task<IReadOnlyList<string>> StopAsync()
        {
            using (_process)
            {
                if (!_process.HasExited)
                {
                    Shell.TryRun("kill", "-TERM", _process.Id.ToString());
                    using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                    try
                    {
                        await _process.WaitForExitAsync(wait.Token);
                    }
                    catch (OperationCanceledException)
                    {
                        _process.Kill(entireProcessTree: true);
                    }
                }
            }
            var left = UmlRun.ProcessesMarked(Mark);
            foreach (var pid in left)
                Shell.TryRun("kill", "-KILL", pid.ToString());
            return left.Select(pid => $"host {Number} pid {pid}").ToList();
        }

        private async Task PumpAsync(StreamReader reader, bool ready)
        {
            while (await reader.ReadLineAsync() is { } line)
            {
                lock (_output)
                    _output.AppendLine(line);
                if (ready && line.StartsWith(ReadyPrefix, StringComparison.Ordinal))
                    _ready.TrySetResult(line);
            }
        }

        private static string Quote(string argument) => "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
    }
}
