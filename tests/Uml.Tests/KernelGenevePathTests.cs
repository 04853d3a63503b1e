using PerfSuite.Uml.Tests.Support;

namespace PerfSuite.Uml.Tests;

/// <summary>The GENEVE datapath (Cilium's default tunnel), which this machine's kernel cannot build (no geneve module),
/// inside UML through the CLI: built in the kernel, its path MTU and the Geneve encapsulation on the underlay as the lab
/// verifies them, checked with ping, removed.</summary>
[Trait(UmlGuest.Trait, UmlGuest.Category)]
public sealed class KernelGenevePathTests
{
    [Fact]
    public void Lab_up_builds_kernel_geneve_with_path_mtu_1450_and_geneve_on_udp_6081_and_lab_down_leaves_nothing()
    {
        // Given UML's kernel with its geneve module
        UmlGuest.Require();
        const string lab = "umlgnv";
        var pod1 = $"ps-{lab}-gnv-n1p1";
        try
        {
            // When
            var up = PerfSuiteCli.Run("lab", "up", "--paths", "geneve", "--name", lab).Succeeded();

            // Then the CLI says kernel with the overhead of Geneve without options, and ping agrees
            Assert.Contains("impl kernel", up.Stdout, StringComparison.Ordinal);
            Assert.Contains("path MTU   1450 observed", up.Stdout, StringComparison.Ordinal);
            Assert.Contains("on wire    UDP 198.18.0.1 → 198.18.0.2:6081 Geneve VNI 1 carrying 10.42.1.2 → 10.42.2.2",
                up.Stdout, StringComparison.Ordinal);
            // 1422 bytes of ICMP payload + 28 of headers = 1450: the largest packet that passes with DF set.
            Shell.Run("ip", "netns", "exec", pod1, "ping", "-M", "do", "-c", "1", "-W", "5", "-s", "1422", "10.42.2.2");
            var tooBig = Shell.TryRun("ip", "netns", "exec", pod1, "ping", "-M", "do", "-c", "1", "-W", "5", "-s", "1423", "10.42.2.2");
            Assert.NotEqual(0, tooBig.Code);
        }
        finally
        {
            PerfSuiteCli.Run("lab", "down", lab);
        }

        Assert.DoesNotContain(PerfSuiteCli.Namespaces(), ns => ns.StartsWith($"ps-{lab}-", StringComparison.Ordinal));
    }
}
