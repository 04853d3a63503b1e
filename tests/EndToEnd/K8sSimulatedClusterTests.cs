using System.Diagnostics;
using PerfSuite.EndToEnd.Tests.Support;
using PerfSuite.Kernel.Namespaces;
using PerfSuite.Kernel.Processes;
using PerfSuite.Model.Results;
using PerfSuite.Tests.Support.KubeSim;

namespace PerfSuite.EndToEnd.Tests;

/// <summary>
/// <c>perfsuite k8s deploy|run|clean</c> end to end against the simulated control plane (tests/Support/KubeSim):
/// the real binary talks to the API over HTTP through KubernetesClient, the DaemonSet's and pod agents' pods are
/// real namespaces running the real agent, and the runner (<c>--netns</c> the fleet's runner namespace) measures
/// real traffic between them. Each test checks that what the command created is gone afterwards: the run's
/// namespace, every pod process and pod namespace, and the nodes exactly as before.
/// </summary>
[Collection(PerfSuite.EndToEnd.Tests.Lab.LabCollection.Name)]
public sealed class K8sSimulatedClusterTests
{
    private const string ManagedBy = "app.kubernetes.io/managed-by=perfsuite";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Run_measures_real_traffic_between_the_nodes_and_on_the_pod_network_and_leaves_nothing()
    {
        // Given a 2-node simulated cluster and its kubeconfig
        await using var sim = KubeSimulator.Start(2);
        using var scratch = new ScratchDirectory();
        var kubeconfig = Kubeconfig(sim, scratch);
        var before = NodeStates(sim);
        var output = scratch.File("results.json");

        // When k8s run measures tcp-stream over the native path from the runner namespace
        var result = await CliHost.RunAsync("k8s", "run", "--kubeconfig", kubeconfig, "--netns", sim.Hosts.Runner, "--paths", "native",
            "--tests", "tcp-stream", "--reps", "1", "--duration", "1s", "--warmup", "0.2s", "--out", output);

        // Then it succeeded with real traffic in every cell it measured, and the cluster's facts in the environment
        Assert.True(result.ExitCode == 0, result.Stderr + result.Stdout);
        var document = ResultsReader.Load(output);
        Assert.NotEmpty(document.Cells);
        Assert.Contains(document.Cells, c => c.Status == CellStatus.Ok);
        Assert.All(document.Cells, c =>
        {
            Assert.True(c.Status == CellStatus.Ok || (c.Status == CellStatus.Skipped && !string.IsNullOrEmpty(c.Reason)), $"{c.Path}: {c.Status} {c.Reason}");
            if (c.Status == CellStatus.Ok)
                Assert.True(c.Metrics!.GoodputBps > 0, c.Path);
        });
        var cluster = document.Environment.Cluster!;
        Assert.Equal(KubeApiHandler.GitVersion, cluster.Version);
        Assert.Equal(sim.NodeNames, cluster.Nodes.Select(n => n.Name));
        Assert.Equal("flannel", cluster.Cni);
        Assert.Equal("vxlan", cluster.Encapsulation);
        Assert.All(cluster.Nodes, n => Assert.Null(n.Failure));

        // And nothing it created is left: namespace, processes, pod namespaces, and the nodes are as before
        await AssertNothingLeftAsync(sim, before);
    }

    [Fact]
    public async Task Deploy_leaves_ready_agents_that_clean_removes_entirely()
    {
        await using var sim = KubeSimulator.Start(2);
        using var scratch = new ScratchDirectory();
        var kubeconfig = Kubeconfig(sim, scratch);
        var before = NodeStates(sim);

        // When the agents are deployed
        var deployed = await CliHost.RunAsync("k8s", "deploy", "--kubeconfig", kubeconfig, "--nodes", string.Join(',', sim.NodeNames));

        // Then they run, Ready, in one namespace of PerfSuite's
        Assert.True(deployed.ExitCode == 0, deployed.Stderr + deployed.Stdout);
        var ns = Assert.Single(sim.Store.List(KubeResource.Namespaces, null, LabelSelector.Labels(ManagedBy)).Items)["metadata"]!["name"]!.GetValue<string>();
        var pods = sim.Store.List(KubeResource.Pods, ns).Items;
        Assert.True(pods.Count >= 2);
        Assert.All(pods, p => Assert.True(KubeSimulator.IsReady(p), p.ToJsonString()));
        Assert.Equal(pods.Count, sim.PodPids.Count);

        // When k8s clean runs
        var cleaned = await CliHost.RunAsync("k8s", "clean", "--kubeconfig", kubeconfig);

        // Then the namespace is gone with every agent, and the nodes are as before
        Assert.True(cleaned.ExitCode == 0, cleaned.Stderr + cleaned.Stdout);
        Assert.Contains(ns, cleaned.Stdout, StringComparison.Ordinal);
        await AssertNothingLeftAsync(sim, before);
    }

    [Fact]
    public async Task Ctrl_C_mid_run_removes_the_run_s_namespace_and_agents()
    {
        await using var sim = KubeSimulator.Start(2);
        using var scratch = new ScratchDirectory();
        var kubeconfig = Kubeconfig(sim, scratch);
        var before = NodeStates(sim);

        // Given a long run in its own process
        var psi = BuiltCli.StartInfoReceivingInterrupts("k8s", "run", "--kubeconfig", kubeconfig, "--netns", sim.Hosts.Runner, "--paths", "native",
            "--tests", "tcp-stream", "--reps", "5", "--duration", "30s", "--out", scratch.File("results.json"));
        using var runner = Process.Start(psi)!;
        var stdout = runner.StandardOutput.ReadToEndAsync(Ct);
        var stderr = runner.StandardError.ReadToEndAsync(Ct);
        try
        {
            // When SIGINT arrives once every agent is Ready (a hostNetwork agent per node, a pod agent per node and
            // node 1's second) and the runner has had a few seconds to build its first cell's paths and start measuring
            await Eventually.HoldsAsync(() => sim.Store.List(KubeResource.Pods, null).Items is { } pods &&
                pods.Count >= 2 * sim.NodeNames.Count + 1 && pods.All(KubeSimulator.IsReady), Patience, "the agents never became Ready", Ct);
            await Task.Delay(TimeSpan.FromSeconds(5), Ct);
            if (runner.HasExited)
                Assert.Fail("the run ended before it was interrupted: " + await stderr + await stdout);
            ProcessControl.SendSignal(runner.Id, 2);
            try
            {
                await runner.WaitForExitAsync(Ct).WaitAsync(Patience, Ct);
            }
            catch (TimeoutException)
            {
                // Say where it hung: what the runner had printed when the patience ran out.
                runner.Kill(entireProcessTree: true);
                Assert.Fail($"the runner did not end within {Patience.TotalSeconds:0} s of SIGINT; it had printed:\n{await stderr}{await stdout}");
            }

            // Then it ends as interrupted, and removes everything it created
            Assert.True(runner.ExitCode == 130, await stderr + await stdout);
            await AssertNothingLeftAsync(sim, before);
        }
        finally
        {
            if (!runner.HasExited)
                runner.Kill(entireProcessTree: true);
        }
    }

    [Fact]
    public async Task A_node_that_never_becomes_Ready_fails_its_cells_with_its_pod_s_events()
    {
        // Given a cluster whose second node cannot create pod sandboxes
        await using var sim = KubeSimulator.Start(2);
        using var scratch = new ScratchDirectory();
        var kubeconfig = Kubeconfig(sim, scratch);
        sim.BreakNode(sim.NodeNames[1]);
        var before = NodeStates(sim);
        var output = scratch.File("results.json");

        // When a run gives the agents 15 s to become Ready
        var result = await CliHost.RunAsync("k8s", "run", "--kubeconfig", kubeconfig, "--netns", sim.Hosts.Runner, "--paths", "native",
            "--tests", "tcp-stream", "--reps", "1", "--duration", "1s", "--warmup", "0.2s", "--ready-timeout", "15s", "--out", output);

        // Then every cell that needs the broken node failed, its reason carrying the pod's sandbox events
        Assert.True(File.Exists(output), result.Stderr + result.Stdout);
        var document = ResultsReader.Load(output);
        var broken = sim.NodeNames[1];
        var involved = document.Cells.Where(c => c.Sender == broken || c.Receiver == broken).ToList();
        Assert.NotEmpty(involved);
        Assert.All(involved, c =>
        {
            Assert.Equal(CellStatus.Failed, c.Status);
            Assert.Contains("FailedCreatePodSandBox", c.Reason, StringComparison.Ordinal);
        });
        Assert.Contains("FailedCreatePodSandBox", document.Environment.Cluster!.Nodes.Single(n => n.Name == broken).Failure, StringComparison.Ordinal);
        Assert.Contains("FailedCreatePodSandBox", result.Stderr, StringComparison.Ordinal);

        // And the run still removed everything it created
        await AssertNothingLeftAsync(sim, before);
    }

    private static string Kubeconfig(KubeSimulator sim, ScratchDirectory scratch)
    {
        var path = scratch.File("kubeconfig");
        sim.WriteKubeconfig(path);
        return path;
    }

    private static List<string> NodeStates(KubeSimulator sim) =>
        Enumerable.Range(1, sim.NodeNames.Count).Select(sim.Hosts.StateOf).ToList();

    /// <summary>No namespace of PerfSuite's on the cluster (once the namespace controller finished), no pod object,
    /// no pod process, no pod network namespace, and every node's NIC, addresses, routes, links and lab namespaces as
    /// they were before the command.</summary>
    private static async Task AssertNothingLeftAsync(KubeSimulator sim, List<string> before)
    {
        await Eventually.HoldsAsync(() => sim.Store.List(KubeResource.Namespaces, null, LabelSelector.Labels(ManagedBy)).Items.Count == 0,
            Patience, "the run's namespace was never removed", Ct);
        Assert.Empty(sim.Store.List(KubeResource.Pods, null).Items);
        Assert.Empty(sim.PodPids);
        Assert.DoesNotContain(NetworkNamespace.List(), n => n.StartsWith(sim.Hosts.Prefix + "p", StringComparison.Ordinal));
        await Eventually.HoldsAsync(() => Task.FromResult(NodeStates(sim).SequenceEqual(before)), Patience,
            () => $"the nodes were not restored:\n{string.Join("\n====\n", NodeStates(sim))}\nbefore:\n{string.Join("\n====\n", before)}", Ct);
    }
}
