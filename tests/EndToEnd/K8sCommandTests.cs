using System.Net;
using System.Net.Sockets;
using PerfSuite.EndToEnd.Tests.Support;

namespace PerfSuite.EndToEnd.Tests;

/// <summary><c>perfsuite k8s</c> before any cluster is involved: bad kubeconfigs, contexts and API servers are bad input
/// (exit 2, one line), and the manifests need no cluster. The runs themselves are tested against the simulated control
/// plane (tests/Support/KubeSim).</summary>
public sealed class K8sCommandTests
{
    private static string Kubeconfig(string server, string context = "ps-k8a") => $"""
        apiVersion: v1
        kind: Config
        current-context: {context}
        clusters:
        - name: ps-k8a
          cluster:
            server: {server}
        contexts:
        - name: {context}
          context:
            cluster: ps-k8a
            user: ps-k8a
        users:
        - name: ps-k8a
          user:
            token: not-a-real-token
        """;

    private static void AssertOneLineExit2(CliResult result, string expected)
    {
        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.Stderr.TrimEnd().Split('\n'));
        Assert.StartsWith("perfsuite: ", line);
        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr);
    }

    [Theory]
    [InlineData("run")]
    [InlineData("deploy")]
    [InlineData("clean")]
    public async Task A_missing_kubeconfig_is_exit_2_with_one_line(string command)
    {
        using var scratch = new ScratchDirectory();
        var missing = Path.Combine(scratch.Path, "no-such-kubeconfig");

        var result = await CliHost.RunAsync("k8s", command, "--kubeconfig", missing);

        AssertOneLineExit2(result, $"kubeconfig {missing} does not exist");
    }

    [Fact]
    public async Task A_malformed_kubeconfig_is_exit_2_with_one_line()
    {
        using var scratch = new ScratchDirectory();
        var path = Path.Combine(scratch.Path, "config");
        File.WriteAllText(path, "clusters: [ {{ this is: not yaml\n");

        var result = await CliHost.RunAsync("k8s", "run", "--kubeconfig", path);

        AssertOneLineExit2(result, $"kubeconfig {path}");
    }

    [Fact]
    public async Task A_directory_as_kubeconfig_is_exit_2_with_one_line()
    {
        using var scratch = new ScratchDirectory();

        var result = await CliHost.RunAsync("k8s", "clean", "--kubeconfig", scratch.Path);

        AssertOneLineExit2(result, "is a directory");
    }

    [Fact]
    public async Task A_context_the_kubeconfig_lacks_is_exit_2_naming_it()
    {
        using var scratch = new ScratchDirectory();
        var path = Path.Combine(scratch.Path, "config");
        File.WriteAllText(path, Kubeconfig("http://127.0.0.1:1"));

        var result = await CliHost.RunAsync("k8s", "run", "--kubeconfig", path, "--context", "no-such-context");

        AssertOneLineExit2(result, "no context 'no-such-context'");
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public void An_unreadable_kubeconfig_is_exit_2_with_one_line()
    {
        Requires.Root("to run the command as another user with setpriv");
        using var scratch = new ScratchDirectory();
        File.SetUnixFileMode(scratch.Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        var path = Path.Combine(scratch.Path, "config");
        File.WriteAllText(path, Kubeconfig("http://127.0.0.1:1"));
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var (code, _, stderr) = BuiltCli.RunAsNobody("k8s", "run", "--kubeconfig", path);

        AssertOneLineExit2(new CliResult(code, "", stderr), "cannot be read");
    }

    [Fact]
    public async Task An_API_server_that_refuses_connections_is_exit_2_naming_it()
    {
        using var scratch = new ScratchDirectory();
        var path = Path.Combine(scratch.Path, "config");
        var port = UnusedLoopbackPort();
        File.WriteAllText(path, Kubeconfig($"http://127.0.0.1:{port}"));

        var result = await CliHost.RunAsync("k8s", "run", "--kubeconfig", path);

        AssertOneLineExit2(result, $"the API server http://127.0.0.1:{port}");
    }

    [Fact]
    public async Task An_API_server_that_never_answers_is_exit_2_after_the_probe_timeout()
    {
        // A listener that accepts and never answers: the client waits for a response that does not come.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        using var accepted = new CancellationTokenSource();
        var holding = HoldConnectionsAsync(silent, accepted.Token);
        using var scratch = new ScratchDirectory();
        var path = Path.Combine(scratch.Path, "config");
        File.WriteAllText(path, Kubeconfig($"http://127.0.0.1:{port}"));

        try
        {
            var result = await CliHost.RunAsync("k8s", "deploy", "--kubeconfig", path, "--nodes", "node-a");

            AssertOneLineExit2(result, "did not answer within");
        }
        finally
        {
            await accepted.CancelAsync();
            silent.Stop();
            await holding;
        }
    }

    [Fact]
    public async Task The_kubeconfig_comes_from_KUBECONFIG_when_not_given()
    {
        using var scratch = new ScratchDirectory();
        var missing = Path.Combine(scratch.Path, "from-environment");
        var psi = BuiltCli.StartInfo("k8s", "clean");
        psi.Environment["KUBECONFIG"] = missing + ":/nonexistent/second";
        using var process = System.Diagnostics.Process.Start(psi)!;
        var stderr = await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);

        AssertOneLineExit2(new CliResult(process.ExitCode, "", stderr), missing);
    }

    [Fact]
    public async Task Manifests_for_named_nodes_need_no_cluster_and_are_yaml_documents_of_one_namespace()
    {
        var result = await CliHost.RunAsync("k8s", "manifests", "--nodes", "node-a,node-b", "--namespace", "ps-k8a-manifests",
            "--kubeconfig", "/nonexistent/kubeconfig");

        Assert.Equal(0, result.ExitCode);
        var documents = result.Stdout.Split("---\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(7, documents.Length);
        Assert.Contains("kind: \"DaemonSet\"", result.Stdout, StringComparison.Ordinal);
        Assert.All(documents.Skip(1), d => Assert.Contains("namespace: \"ps-k8a-manifests\"", d, StringComparison.Ordinal));
        Assert.DoesNotContain("ClusterRole", result.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("manifests")]
    [InlineData("manifests", "--nodes", "a,a")]
    [InlineData("manifests", "--nodes", "a", "--all-nodes")]
    [InlineData("manifests", "--nodes", "a", "--namespace", "Not_A_Name")]
    [InlineData("manifests", "--nodes", "a", "--image", "has space")]
    [InlineData("run", "--ready-timeout", "0s", "--kubeconfig", "/nonexistent")]
    [InlineData("run", "--concurrency", "0", "--kubeconfig", "/nonexistent")]
    public async Task Bad_options_are_exit_2_with_one_line(params string[] args)
    {
        var result = await CliHost.RunAsync(["k8s", .. args]);

        Assert.Equal(2, result.ExitCode);
        Assert.Single(result.Stderr.TrimEnd().Split('\n'));
        Assert.DoesNotContain("   at ", result.Stderr);
    }

    private static int UnusedLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task HoldConnectionsAsync(TcpListener listener, CancellationToken stop)
    {
        var held = new List<TcpClient>();
        try
        {
            while (true)
                held.Add(await listener.AcceptTcpClientAsync(stop));
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }
        finally
        {
            foreach (var client in held)
                client.Dispose();
        }
    }
}
