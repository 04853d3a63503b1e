using System.Text.Json;
using PerfSuite.Uml.Tests.Support;

namespace PerfSuite.Uml.Tests;

/// <summary>The kernel IPIP datapath, which this machine's kernel cannot build (no ipip module), end to end inside
/// UML through the CLI: built and verified, checked with ping and tcpdump, measured, removed.</summary>
[Trait(UmlGuest.Trait, UmlGuest.Category)]
public sealed class KernelIpipPathTests
{
    [Fact]
    public void Lab_up_builds_kernel_ipip_with_path_mtu_1480_and_ip_protocol_4_on_the_wire_and_lab_down_leaves_nothing()
    {
        // Given UML's kernel with its ipip module
        UmlGuest.Require();
        const string lab = "umlipip";
        var pod1 = $"ps-{lab}-ipip-n1p1";
        try
        {
            // When
            var up = PerfSuiteCli.Run("lab", "up", "--paths", "ipip", "--name", lab).Succeeded();

            // Then the CLI says kernel, and ping and tcpdump agree with what it says
            Assert.Contains("impl kernel", up.Stdout, StringComparison.Ordinal);
            Assert.Contains("path MTU   1480 observed", up.Stdout, StringComparison.Ordinal);
            Assert.Contains("on wire    IP protocol 4 198.18.0.1 → 198.18.0.2", up.Stdout, StringComparison.Ordinal);
            // 1452 bytes of ICMP payload + 28 of headers = 1480: the largest packet that passes with DF set.
            Shell.Run("ip", "netns", "exec", pod1, "ping", "-M", "do", "-c", "1", "-W", "5", "-s", "1452", "10.42.2.2");
            var tooBig = Shell.TryRun("ip", "netns", "exec", pod1, "ping", "-M", "do", "-c", "1", "-W", "5", "-s", "1453", "10.42.2.2");
            Assert.NotEqual(0, tooBig.Code);
            using (var capture = Tcpdump.Start($"ps-{lab}-ipip-n1", "eth0", 2, "ip proto 4"))
            {
                Shell.Run("ip", "netns", "exec", pod1, "ping", "-c", "2", "-i", "0.2", "-W", "5", "10.42.2.2");
                var lines = capture.Lines(TimeSpan.FromSeconds(10));
                Assert.Contains("198.18.0.1 > 198.18.0.2: IP 10.42.1.2 > 10.42.2.2: ICMP echo request", lines, StringComparison.Ordinal);
            }
        }
        finally
        {
            PerfSuiteCli.Run("lab", "down", lab);
        }

        Assert.DoesNotContain(PerfSuiteCli.Namespaces(), ns => ns.StartsWith($"ps-{lab}-", StringComparison.Ordinal));
        // The lab's state is in this test process's own state directory, which the CLI it starts inherits.
        var states = PerfSuite.Lab.LabPaths.LabStateDirectory;
        Assert.Empty(Directory.Exists(states) ? Directory.EnumerateFileSystemEntries(states, $"{lab}*") : []);
        Assert.Contains("no labs", PerfSuiteCli.Run("lab", "list").Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_measures_one_kernel_ipip_cell_at_pod_mtu_1480_and_removes_its_lab()
    {
        // Given
        UmlGuest.Require();
        const string lab = "umlrun";
        var results = Path.Combine(Path.GetTempPath(), $"uml-ipip-{Guid.NewGuid():N}.json");

        // When
        PerfSuiteCli.Run("run", "--paths", "ipip", "--mtu", "1500", "--tests", "tcp-stream", "--reps", "1",
            "--duration", "1s", "--warmup", "0.3s", "--name", lab, "--out", results).Succeeded();

        // Then
        using var document = JsonDocument.Parse(File.ReadAllText(results));
        var cell = Assert.Single(document.RootElement.GetProperty("cells").EnumerateArray());
        Assert.Equal("ipip", cell.GetProperty("path").GetString());
        Assert.Equal("kernel", cell.GetProperty("impl").GetString());
        Assert.Equal("ok", cell.GetProperty("status").GetString());
        Assert.Equal(1480, cell.GetProperty("podMtu").GetInt32());
        var goodput = cell.GetProperty("metrics").GetProperty("goodputBps").GetDouble();
        TestContext.Current.TestOutputHelper?.WriteLine($"kernel ipip tcp-stream in UML: {goodput / 1e9:F2} Gbit/s");
        Assert.True(goodput > 0);
        Assert.DoesNotContain(PerfSuiteCli.Namespaces(), ns => ns.StartsWith($"ps-{lab}-", StringComparison.Ordinal));
        File.Delete(results);
    }
}
