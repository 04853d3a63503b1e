using System.Text.Json;
using PerfSuite.EndToEnd.Tests.Support;
using PerfSuite.Kernel.Namespaces;
using PerfSuite.Lab;
using PerfSuite.Model.Datapaths;

namespace PerfSuite.EndToEnd.Tests.Lab;

[Collection(LabCollection.Name)]
public sealed class LabCommandTests
{
    [Fact]
    public async Task Lab_up_builds_every_path_in_kernel_or_userspace_and_down_removes_it()
    {
        // Given
        RequireRoot();
        var name = NewName();
        try
        {
            // When the whole lab is brought up with the defaults
            var up = await CliHost.RunAsync("lab", "up", "--name", name);

            // Then every path is ready and verified: in the kernel, or in userspace where it lacks the module
            Assert.True(up.ExitCode == 0, up.Stderr + up.Stdout);
            var lines = up.Stdout.Split('\n');
            foreach (var path in new[] { "same-node", "host", "native", "vxlan" })
                Assert.Matches($"^{path} +ready +impl kernel", lines.Single(l => l.StartsWith(path + " ", StringComparison.Ordinal)));
            foreach (var (path, module) in new[] { ("ipip", "ipip"), ("wireguard", "wireguard"), ("vxlan+wireguard", "wireguard") })
            {
                var impl = Directory.Exists($"/sys/module/{module}") ? "kernel" : "userspace";
                Assert.Matches($"^{path.Replace("+", "\\+")} +ready +impl {impl}", lines.Single(l => l.StartsWith(path + " ", StringComparison.Ordinal)));
            }
            Assert.Equal(["1500", "1500", "1500", "1480", "1450", "1440", "1390"],
                lines.Where(l => l.StartsWith("  path MTU", StringComparison.Ordinal)).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[2]));
            Assert.Contains("UDP 198.18.0.1 → 198.18.0.2:8472 VXLAN VNI 1 carrying 10.42.1.2 → 10.42.2.2", up.Stdout);

            // And the lab is really there, as ip sees it, and listed
            var vxlanNode = $"ps-{name}-vx-n1";
            var flannel = JsonDocument.Parse(Shell.Run("ip", "-n", vxlanNode, "-j", "-d", "link", "show", "flannel.1")).RootElement[0];
            Assert.Equal(1450, flannel.GetProperty("mtu").GetInt32());
            Assert.Equal(8472, flannel.GetProperty("linkinfo").GetProperty("info_data").GetProperty("port").GetInt32());
            var list = await CliHost.RunAsync("lab", "list");
            Assert.Contains($"{name}: up;", list.Stdout);
            Assert.Matches(@"vxlan +ready +kernel, pod MTU 1450, path MTU 1450", list.Stdout);

            // When it is taken down
            var down = await CliHost.RunAsync("lab", "down", name);

            // Then nothing is left
            Assert.Equal(0, down.ExitCode);
            Assert.StartsWith($"lab '{name}' removed in ", down.Stdout);
            AssertNothingLeft(name);
            Assert.Empty(LabTunnelProcesses.Of(name));
            Assert.Empty(LabTunnelProcesses.UapiSockets(name));
        }
        finally
        {
            LabCleaner.Default.Remove(name);
        }
    }

    [Fact]
    public async Task The_tunnel_paths_come_up_with_their_mtus_and_lab_down_ends_their_processes()
    {
        // Given
        RequireRoot();
        var name = NewName();
        try
        {
            // When the three tunnel paths are brought up at 1500 and at 9000
            var up = await CliHost.RunAsync("lab", "up", "--name", name, "--paths", "ipip,wireguard,vxlan+wireguard");

            // Then each is verified at underlay − overhead, with its encapsulation seen on the underlay
            Assert.True(up.ExitCode == 0, up.Stderr + up.Stdout);
            Assert.Equal(["1480", "1440", "1390"], PathMtus(up.Stdout));
            Assert.Contains("IP protocol 4 198.18.0.1 → 198.18.0.2 carrying 10.42.1.2 → 10.42.2.2", up.Stdout);
            Assert.Equal(2, up.Stdout.Split('\n').Count(l => l.Contains("on wire    UDP 198.18.0.1 → 198.18.0.2:51820", StringComparison.Ordinal)));
            Assert.NotEmpty(LabTunnelProcesses.Of(name));

            // When it is taken down
            var down = await CliHost.RunAsync("lab", "down", name);

            // Then no tunnel process, UAPI socket or namespace is left
            Assert.Equal(0, down.ExitCode);
            Assert.Empty(LabTunnelProcesses.Of(name));
            Assert.Empty(LabTunnelProcesses.UapiSockets(name));
            AssertNothingLeft(name);

            var jumbo = await CliHost.RunAsync("lab", "up", "--name", name, "--paths", "ipip,wireguard,vxlan+wireguard", "--underlay-mtu", "9000");
            Assert.True(jumbo.ExitCode == 0, jumbo.Stderr + jumbo.Stdout);
            Assert.Equal(["8980", "8940", "8890"], PathMtus(jumbo.Stdout));
        }
        finally
        {
            LabCleaner.Default.Remove(name);
        }
        Assert.Empty(LabTunnelProcesses.Of(name));
    }

    [Fact]
    public async Task A_run_killed_with_sigkill_is_removed_by_lab_clean_with_its_tunnel_processes()
    {
        // Given a `perfsuite run` over the tunnel paths in its own process, killed once its lab is up
        RequireRoot();
        var name = NewName();
        var output = Path.Combine(Path.GetTempPath(), $"perfsuite-killed-{Guid.NewGuid():N}.json");
        var psi = BuiltCli.StartInfo("run", "--name", name,
            "--paths", "ipip,wireguard,vxlan+wireguard", "--tests", "tcp-rr", "--reps", "20", "--duration", "30s", "--out", output);
        using var run = System.Diagnostics.Process.Start(psi)!;
        try
        {
            var stdout = run.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            var stderr = run.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
            Assert.True(SpinWait.SpinUntil(() => run.HasExited || LabCleaner.Default.Store.Load(name) is { Complete: true }, TimeSpan.FromMinutes(2)),
                "the run's lab did not come up");
            if (run.HasExited)
                Assert.Fail($"the run ended early: {await stderr}{await stdout}");
            var tunnels = LabTunnelProcesses.Of(name);
            Assert.Equal(6, tunnels.Count);
            run.Kill();
            await run.WaitForExitAsync(TestContext.Current.CancellationToken);

            // When
            var clean = await CliHost.RunAsync("lab", "clean");

            // Then the lab, its tunnel processes, their sockets and the agents are gone
            Assert.Equal(0, clean.ExitCode);
            Assert.Contains(name, clean.Stdout);
            Assert.Empty(LabTunnelProcesses.Of(name));
            Assert.Empty(LabTunnelProcesses.UapiSockets(name));
            Assert.Empty(LabTunnelProcesses.WireguardGoLogs(name));
            AssertNothingLeft(name);
        }
        finally
        {
            if (!run.HasExited)
                run.Kill();
            LabCleaner.Default.Remove(name);
            File.Delete(output);
            File.Delete(PerfSuite.Model.Results.ResultsJournal.JournalPathFor(output));
        }
    }

    [Fact]
    public async Task At_underlay_mtu_9000_the_observed_path_mtus_follow()
    {
        RequireRoot();
        var name = NewName();
        try
        {
            var up = await CliHost.RunAsync("lab", "up", "--name", name, "--paths", "native,vxlan,host,same-node", "--underlay-mtu", "9000");

            Assert.True(up.ExitCode == 0, up.Stderr + up.Stdout);
            Assert.Equal(["9000", "8950", "9000", "9000"],
                up.Stdout.Split('\n').Where(l => l.StartsWith("  path MTU", StringComparison.Ordinal)).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[2]));
        }
        finally
        {
            LabCleaner.Default.Remove(name);
        }
    }

    [Fact]
    public async Task A_forced_pod_mtu_is_flagged_as_a_misconfiguration_experiment()
    {
        RequireRoot();
        var name = NewName();
        try
        {
            var up = await CliHost.RunAsync("lab", "up", "--name", name, "--paths", "vxlan", "--pod-mtu", "1500");

            Assert.True(up.ExitCode == 0, up.Stderr + up.Stdout);
            Assert.Contains("pod MTU forced to 1500 (--pod-mtu): a misconfiguration experiment", up.Stdout);
            Assert.Contains("underlay 1500, pod 1500 (forced), tunnel 1450", up.Stdout);
            Assert.Contains("path MTU   1450 observed", up.Stdout);
        }
        finally
        {
            LabCleaner.Default.Remove(name);
        }
    }

    [Fact]
    public async Task Lab_clean_removes_a_lab_that_was_left_behind()
    {
        // Given a lab whose handle was dropped without being disposed
        RequireRoot();
        var spec = new LabSpec(NewName(), [Datapath.Native], Verify: false);
        try
        {
            LeaveBehind(spec);
            Assert.NotEmpty(Namespaces(spec.Name));

            // When
            var clean = await CliHost.RunAsync("lab", "clean");

            // Then
            Assert.Equal(0, clean.ExitCode);
            Assert.Contains(spec.Name, clean.Stdout);
            AssertNothingLeft(spec.Name);
        }
        finally
        {
            LabCleaner.Default.Remove(spec.Name);
        }
    }

    [Theory]
    [InlineData("--paths: unknown datapath 'gre'", "--paths", "native,gre")]
    [InlineData("underlay MTU 70000 is outside what the kernel accepts (68 to 65535)", "--underlay-mtu", "70000")]
    [InlineData("underlay MTU 60 is outside what the kernel accepts (68 to 65535)", "--underlay-mtu", "60")]
    [InlineData("underlay MTU 100 is too small for vxlan: its 50 bytes of overhead leave 50, and IPv4 needs 68", "--paths", "vxlan", "--underlay-mtu", "100")]
    [InlineData("pod MTU 50 is outside what the kernel accepts (68 to 65535)", "--pod-mtu", "50")]
    [InlineData("lab name 'abcdefghi' is too long", "--name", "abcdefghi")]
    [InlineData("lab name 'Lab' must be lowercase letters and digits only", "--name", "Lab")]
    [InlineData("pods per node must be between 1 and 250, not 0", "--pods-per-node", "0")]
    [InlineData("--offloads: unknown offload profile 'fast'", "--offloads", "fast")]
    public async Task Bad_input_exits_2_with_one_line_and_leaves_nothing(string message, params string[] args)
    {
        var name = args.Contains("--name") ? null : NewName();
        string[] command = name is null ? ["lab", "up", .. args] : ["lab", "up", "--name", name, .. args];

        var result = await CliHost.RunAsync(command);

        Assert.Equal(2, result.ExitCode);
        Assert.Single(result.Stderr.TrimEnd().Split('\n'));
        Assert.StartsWith($"perfsuite: {message}", result.Stderr);
        Assert.Equal("", result.Stdout);
        if (name is not null)
            AssertNothingLeft(name);
    }

    [Fact]
    public void Not_root_exits_2_with_one_line_and_leaves_nothing()
    {
        // Given the built CLI run as nobody
        Requires.Root("to switch to an unprivileged user");
        var name = NewName();

        // When
        var (code, stdout, stderr) = BuiltCli.RunAsNobody("lab", "up", "--name", name, "--paths", "native");

        // Then
        Assert.Equal(2, code);
        Assert.Equal("perfsuite: the lab needs root: it creates network namespaces and devices (CAP_SYS_ADMIN, CAP_NET_ADMIN)", stderr.TrimEnd());
        Assert.Equal("", stdout);
        AssertNothingLeft(name);
    }

    [Fact]
    public async Task Taking_the_name_of_a_lab_that_is_up_is_refused()
    {
        RequireRoot();
        var name = NewName();
        try
        {
            Assert.Equal(0, (await CliHost.RunAsync("lab", "up", "--name", name, "--paths", "same-node")).ExitCode);

            var again = await CliHost.RunAsync("lab", "up", "--name", name, "--paths", "same-node");

            Assert.Equal(2, again.ExitCode);
            Assert.Contains($"lab '{name}' is", again.Stderr);
            Assert.Equal(3, Namespaces(name).Count); // the first lab is untouched
        }
        finally
        {
            LabCleaner.Default.Remove(name);
        }
    }

    /// <summary>Builds a lab and lets go of it without disposing, as a crashed caller would.</summary>
    private static void LeaveBehind(LabSpec spec)
    {
        LabInstance.Up(spec, TestContext.Current.CancellationToken).Abandon();
        // Let go of (its lock released, as the kernel does for a dead process), not disposed, and its owner made to
        // look gone (a start time no process has): the command runs as a process of its own, and `lab clean` leaves
        // alone a lab whose owner still runs or holds its lock.
        var state = LabCleaner.Default.Store.Load(spec.Name)!;
        LabCleaner.Default.Store.Save(state with { OwnerStartTime = -1 });
    }

    private static void AssertNothingLeft(string name)
    {
        Assert.Empty(Namespaces(name));
        Assert.False(File.Exists(LabCleaner.Default.Store.PathOf(name)));
    }

    private static List<string> PathMtus(string stdout) =>
        stdout.Split('\n').Where(l => l.StartsWith("  path MTU", StringComparison.Ordinal))
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[2]).ToList();

    private static List<string> Namespaces(string lab) =>
        NetworkNamespace.List().Where(n => n.StartsWith($"ps-{lab}-", StringComparison.Ordinal)).ToList();

    private static string NewName() => "t" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray().AsSpan(0, 3))[..5];

    private static void RequireRoot() =>
        Requires.Root("network namespaces");
}
