using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using PerfSuite.Model.Errors;
using PerfSuite.Model.Units;
using PerfSuite.Runner.Testbeds.Kubernetes;

namespace PerfSuite.Cli.Commands;

/// <summary><c>perfsuite k8s manifests|deploy|run|clean</c>: the fleet's agents deployed on a Kubernetes cluster's nodes
/// through the API (a hostNetwork DaemonSet and pod-network agents in a namespace of the run's own), the fleet matrix
/// measured between the nodes and the cluster's own pod network beside it, and everything removed at the end
/// (docs/kubernetes.md).</summary>
internal static class K8sCommand
{
    private static readonly Option<string?> KubeconfigOption = new("--kubeconfig")
    {
        Description = "The kubeconfig file (default: the first file of $KUBECONFIG, else ~/.kube/config)",
    };

    private static readonly Option<string?> ContextOption = new("--context")
    {
        Description = "The kubeconfig context (default: its current context)",
    };

    private static readonly Option<string?> NodesOption = new("--nodes")
    {
        Description = "The nodes to measure, by name, comma-separated (node 1 first); deploy and run take every node when neither this nor --all-nodes is given",
    };

    private static readonly Option<bool> AllNodesOption = new("--all-nodes")
    {
        Description = "Every node of the cluster (manifests then asks the cluster for them)",
    };

    private static readonly Option<string> ImageOption = new("--image")
    {
        Description = "The agent image (deploy/Containerfile builds it; push it where the nodes can pull it)",
        DefaultValueFactory = _ => KubeDeploySpec.DefaultImage,
    };

    private static readonly Option<string?> NamespaceOption = new("--namespace")
    {
        Description = "The namespace to create (default perfsuite-<run id>); run: an existing one made by `k8s deploy` is reused and kept",
    };

    private static readonly Option<int> PortOption = new("--port")
    {
        Description = "The hostNetwork agents' control port on every node's address",
        DefaultValueFactory = _ => KubeDeploySpec.DefaultHostPort,
    };

    private static readonly Option<bool> PrivilegedOption = new("--privileged")
    {
        Description = "Run the hostNetwork agents privileged instead of with NET_ADMIN, SYS_ADMIN and NET_RAW only (docs/kubernetes.md says when that is needed)",
    };

    private static readonly Option<string> ReadyTimeoutOption = new("--ready-timeout")
    {
        Description = "How long the agents may take to become Ready; one that is not by then fails its cells with its pod's events",
        DefaultValueFactory = _ => "120s",
    };

    private static readonly Option<string?> NetnsOption = new("--netns")
    {
        Description = "Network namespace (ip netns name) the runner reaches the agents from (needs root)",
    };

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var command = new Command("k8s", "Kubernetes mode: deploy the fleet's agents on a cluster's nodes through the API, measure every "
            + "datapath between the nodes and the cluster's own pod network, remove it all (docs/kubernetes.md)");
        command.Subcommands.Add(CreateManifests(stdout));
        command.Subcommands.Add(CreateDeploy(stdout));
        command.Subcommands.Add(CreateRun(stdout, stderr));
        command.Subcommands.Add(CreateClean(stdout));
        return command;
    }

    private static Command CreateManifests(TextWriter stdout)
    {
        var command = new Command("manifests", "Print, as YAML, every object `k8s deploy` creates (with a fresh token in its Secret); "
            + "with --nodes nothing is asked of the cluster")
        {
            KubeconfigOption, ContextOption, NodesOption, AllNodesOption, ImageOption, NamespaceOption, PortOption, PrivilegedOption,
        };
        command.SetAction(async (parse, cancel) =>
        {
            var names = ParseNodes(parse, required: true);
            if (names is null)
            {
                using var connection = await OpenAsync(parse, cancel);
                names = [.. (await new KubeDeployment(connection).ChooseNodesAsync(null, cancel)).Select(n => n.Metadata.Name)];
            }
            var manifests = KubeManifests.Build(DeploySpec(parse, names, runner: ""), NewToken());
            await stdout.WriteAsync(KubeYaml.Write(manifests.All));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command CreateDeploy(TextWriter stdout)
    {
        var command = new Command("deploy", "Create the agents on the chosen nodes and wait until they are Ready; they stay until `k8s clean` "
            + "(`k8s run --namespace NS` measures with them)")
        {
            KubeconfigOption, ContextOption, NodesOption, AllNodesOption, ImageOption, NamespaceOption, PortOption, PrivilegedOption, ReadyTimeoutOption,
        };
        command.SetAction(async (parse, cancel) =>
        {
            var readyTimeout = ParseTimeout(parse);
            using var connection = await OpenAsync(parse, cancel);
            var deployment = new KubeDeployment(connection);
            var nodes = await deployment.ChooseNodesAsync(ParseNodes(parse, required: false), cancel);
            // No runner annotation: a deployment outlives this process, so no later run may take it for a dead runner's leftover.
            var manifests = KubeManifests.Build(DeploySpec(parse, [.. nodes.Select(n => n.Metadata.Name)], runner: ""), NewToken());
            var ns = manifests.Spec.Run.Namespace;
            await stdout.WriteLineAsync($"perfsuite: creating namespace {ns} on {connection.Context} (Kubernetes {connection.Version}) for nodes {string.Join(", ", manifests.Spec.Nodes)}");
            await deployment.CreateAsync(manifests, cancel);
            var readiness = await deployment.WaitReadyAsync(manifests, readyTimeout, cancel);
            foreach (var agent in readiness.HostAgents.Concat(readiness.PodAgents))
            {
                await stdout.WriteLineAsync(agent.IsReady
                    ? $"  {agent.Name} on {agent.Node}: ready at {agent.Address}"
                    : $"  {agent.Name ?? "(no pod)"} on {agent.Node}: NOT READY: {agent.Failure}");
            }
            await stdout.WriteLineAsync($"perfsuite: deployed in namespace {ns}; measure with `perfsuite k8s run --namespace {ns} --nodes {string.Join(',', manifests.Spec.Nodes)}`, remove with `perfsuite k8s clean`");
            return readiness.HostAgents.Concat(readiness.PodAgents).All(a => a.IsReady) ? ExitCodes.Success : ExitCodes.CheckFailed;
        });
        return command;
    }

    private static Command CreateRun(TextWriter stdout, TextWriter stderr)
    {
        var command = new Command("run", "Deploy the agents (unless --namespace names a deployed run), measure every datapath between every "
            + "ordered pair of nodes over their NICs and the cluster's own pod network (pod→pod on one node and across, pod→Service, "
            + "hostNetwork→pod, pod→hostNetwork), write the results and remove what the run created, also on Ctrl-C or SIGTERM")
        {
            KubeconfigOption, ContextOption, NodesOption, AllNodesOption, ImageOption, NamespaceOption, PortOption, PrivilegedOption, ReadyTimeoutOption,
            NetnsOption,
        };
        foreach (var option in RunCommand.FleetOptions)
            command.Options.Add(option);
        command.SetAction(async (parse, cancellation) =>
        {
            var readyTimeout = ParseTimeout(parse);
            var spec = RunCommand.ParseFleetSpec(parse);
            var (concurrency, connectTimeout) = RunCommand.ParseFleetConnection(parse);
            var netns = parse.GetValue(NetnsOption);
            using var interrupts = new InterruptSignals(cancellation);
            using var connection = await OpenAsync(parse, interrupts.Token);
            var deployment = new KubeDeployment(connection);
            var nodes = await deployment.ChooseNodesAsync(ParseNodes(parse, required: false), interrupts.Token);
            await ClearLeftoversAsync(deployment, stderr, interrupts.Token);
            var names = nodes.Select(n => n.Metadata.Name).ToList();
            var existing = parse.GetValue(NamespaceOption) is { } given ? await deployment.FindRunAsync(given, interrupts.Token) : null;
            var deploy = DeploySpec(parse, names, runner: KubeDeployment.ThisRunner(), existing);
            var ns = deploy.Run.Namespace;
            var created = false;
            try
            {
                string token;
                if (existing is null)
                {
                    token = NewToken();
                    await stdout.WriteLineAsync($"perfsuite: creating namespace {ns} on {connection.Context} (Kubernetes {connection.Version}) for nodes {string.Join(", ", names)}");
                    created = true;
                    await deployment.CreateAsync(KubeManifests.Build(deploy, token), interrupts.Token);
                }
                else
                {
                    await stdout.WriteLineAsync($"perfsuite: measuring with the agents deployed in namespace {ns}");
                    token = await deployment.ReadTokenAsync(ns, interrupts.Token);
                }
                var manifests = KubeManifests.Build(deploy, token);
                await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"perfsuite: waiting up to {readyTimeout.TotalSeconds:0} s for {names.Count} hostNetwork and {manifests.PodAgents.Count} pod agents to be Ready"));
                var readiness = await deployment.WaitReadyAsync(manifests, readyTimeout, interrupts.Token);
                foreach (var agent in readiness.HostAgents.Concat(readiness.PodAgents).Where(a => !a.IsReady))
                    await stderr.WriteLineAsync($"perfsuite: {agent.Name ?? "agent"} on node {agent.Node} is not Ready; its cells fail: {agent.Failure}");
                var service = await deployment.ServiceAddressAsync(ns, interrupts.Token);
                var cluster = new KubeCluster(connection.Version, connection.Context, deploy, nodes, readiness, service);
                var testbed = new KubernetesTestbed(spec, cluster, token, netns, connectTimeout, concurrency);
                var cleaned = existing is null ? $"namespace {ns} is removed" : $"namespace {ns} is kept (k8s deploy made it)";
                return await RunCommand.MeasureAsync(parse, spec, testbed, cleaned, stdout, stderr, interrupts.Token);
            }
            catch (OperationCanceledException) when (interrupts.Token.IsCancellationRequested)
            {
                await stderr.WriteLineAsync($"perfsuite: interrupted before any cell was measured{(created ? $"; namespace {ns} is removed" : "")}");
                return InterruptSignals.ExitCode;
            }
            finally
            {
                if (created)
                    await RemoveAsync(deployment, ns, stdout, stderr);
            }
        });
        return command;
    }

    private static Command CreateClean(TextWriter stdout)
    {
        var command = new Command("clean", "Remove every namespace any PerfSuite run created on the cluster (label app.kubernetes.io/managed-by=perfsuite), "
            + "with everything in it")
        {
            KubeconfigOption, ContextOption,
        };
        command.SetAction(async (parse, cancel) =>
        {
            using var connection = await OpenAsync(parse, cancel);
            var deployment = new KubeDeployment(connection);
            var runs = await deployment.RunsAsync(cancel);
            var pending = new List<string>();
            foreach (var ns in runs)
            {
                var name = ns.Metadata.Name;
                if (await deployment.DeleteAsync(name, cancel))
                    await stdout.WriteLineAsync($"perfsuite: removed namespace {name}");
                else
                    pending.Add(name);
            }
            foreach (var name in pending)
                await stdout.WriteLineAsync($"perfsuite: namespace {name} is still being deleted by the cluster");
            if (runs.Count == 0)
                await stdout.WriteLineAsync("perfsuite: no PerfSuite namespace on the cluster");
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The run's namespace is removed even when the run was interrupted or failed; a removal that fails is said, with
    /// the command that finishes it.</summary>
    private static async Task RemoveAsync(KubeDeployment deployment, string ns, TextWriter stdout, TextWriter stderr)
    {
        try
        {
            var gone = await deployment.DeleteAsync(ns, CancellationToken.None);
            await stdout.WriteLineAsync(gone ? $"perfsuite: removed namespace {ns}" : $"perfsuite: namespace {ns} is being deleted by the cluster");
        }
        catch (PerfSuiteException e)
        {
            await stderr.WriteLineAsync($"perfsuite: could not remove namespace {ns} ({e.Message}); `perfsuite k8s clean` removes it");
        }
    }

    /// <summary>Namespaces a killed runner on this host left are removed; other runs' are only named.</summary>
    private static async Task ClearLeftoversAsync(KubeDeployment deployment, TextWriter stderr, CancellationToken cancel)
    {
        foreach (var ns in await deployment.RunsAsync(cancel))
        {
            if (KubeDeployment.IsLeftOfDeadRunner(ns))
            {
                await stderr.WriteLineAsync($"perfsuite: removing namespace {ns.Metadata.Name}, left by a runner on this host that was killed");
                await deployment.DeleteAsync(ns.Metadata.Name, cancel);
            }
            else
            {
                await stderr.WriteLineAsync($"perfsuite: namespace {ns.Metadata.Name} of another PerfSuite run is on the cluster (`perfsuite k8s clean` removes it)");
            }
        }
    }

    private static async Task<KubeConnection> OpenAsync(ParseResult parse, CancellationToken cancel)
    {
        var kubeconfig = parse.GetValue(KubeconfigOption) ?? KubeConnection.DefaultKubeconfig();
        try
        {
            return await KubeConnection.OpenAsync(kubeconfig, parse.GetValue(ContextOption), cancel);
        }
        catch (PerfSuiteException e)
        {
            throw new UsageException(e.Message);
        }
    }

    /// <summary>--nodes as a list; null for --all-nodes, or (when not <paramref name="required"/>) when neither is given.</summary>
    private static List<string>? ParseNodes(ParseResult parse, bool required)
    {
        var text = parse.GetValue(NodesOption);
        var all = parse.GetValue(AllNodesOption);
        if (text is not null && all)
            throw new UsageException("give --nodes or --all-nodes, not both");
        if (text is null)
        {
            return all || !required ? null
                : throw new UsageException("manifests needs the nodes: --nodes a,b (or --all-nodes, which asks the cluster)");
        }
        var names = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        if (names.Count == 0)
            throw new UsageException("--nodes: nothing given");
        if (names.Distinct(StringComparer.Ordinal).Count() != names.Count)
            throw new UsageException("--nodes: a node is listed twice");
        return names;
    }

    private static KubeDeploySpec DeploySpec(ParseResult parse, IReadOnlyList<string> nodes, string runner, KubeRunName? existing = null)
    {
        try
        {
            var spec = new KubeDeploySpec(existing ?? KubeRunName.New(parse.GetValue(NamespaceOption)), nodes, parse.GetValue(ImageOption)!,
                HostPort: parse.GetValue(PortOption), Privileged: parse.GetValue(PrivilegedOption), Runner: runner);
            spec.Validate();
            return spec;
        }
        catch (PerfSuiteException e)
        {
            throw new UsageException(e.Message);
        }
    }

    private static TimeSpan ParseTimeout(ParseResult parse)
    {
        var text = parse.GetValue(ReadyTimeoutOption)!;
        try
        {
            var value = Quantities.ParseDuration(text);
            return value > TimeSpan.Zero && value <= TimeSpan.FromHours(1)
                ? value
                : throw new UsageException($"--ready-timeout must be more than 0 and at most 1 h, not '{text}'");
        }
        catch (FormatException e)
        {
            throw new UsageException($"--ready-timeout: {e.Message}");
        }
    }

    /// <summary>A fresh token: 128 random bits as 32 hex digits, past the agent's minimum of
    /// <see cref="RemoteTokens.MinimumLength"/> characters.</summary>
    private static string NewToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}
