using System.Net;
using PerfSuite.Kernel.Namespaces;
using PerfSuite.Kernel.Processes;
using PerfSuite.Lab.Tests.Support;
using PerfSuite.Lab.Tunnels;
using PerfSuite.Lab.Tunnels.Ipip;
using PerfSuite.Model.Errors;

namespace PerfSuite.Lab.Tests.Tunnels;

public sealed class IpipEncapsulatorProcessTests
{
    private static readonly InterfaceAddress PodA = InterfaceAddress.Parse("10.42.1.1/32");
    private static readonly InterfaceAddress PodB = InterfaceAddress.Parse("10.42.2.1/32");

    [Fact]
    public async Task Tunnel_processes_carry_traffic_from_inside_the_node_namespaces_and_stop_cleanly()
    {
        // Given `perfsuite tunnel ipip` started for both nodes, with the pod addresses on their TUNs
        using var underlay = new UnderlayPair();
        await using var a = await IpipEncapsulatorProcess.StartAsync(
            new IpipTunnelOptions(underlay.A, "tunl0", UnderlayPair.AddressA, UnderlayPair.AddressB), PodA,
            cancellationToken: TestContext.Current.CancellationToken);
        await using var b = await IpipEncapsulatorProcess.StartAsync(
            new IpipTunnelOptions(underlay.B, "tunl0", UnderlayPair.AddressB, UnderlayPair.AddressA), PodB,
            cancellationToken: TestContext.Current.CancellationToken);
        underlay.IpA("route", "add", "10.42.2.0/24", "via", $"{UnderlayPair.AddressB}", "dev", "tunl0", "onlink", "src", "10.42.1.1");
        underlay.IpB("route", "add", "10.42.1.0/24", "via", $"{UnderlayPair.AddressA}", "dev", "tunl0", "onlink", "src", "10.42.2.1");

        // When pod A sends to pod B
        using var path = new DatagramPath(underlay.A, underlay.B, PodB.Address);
        var delivered = path.TryDeliver(1200);

        // Then it arrives; the process lives in A's namespace, in its own session, with the address, MTU and up set
        Assert.True(delivered);
        Assert.Equal($"net:[{Shell.Run("stat", "-L", "-c", "%i", NetworkNamespace.PathOf(underlay.A)).Trim()}]",
            Shell.Run("readlink", $"/proc/{a.Pid}/ns/net").Trim());
        Assert.Equal($"{a.Pid}", File.ReadAllText($"/proc/{a.Pid}/stat").Split(')')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries)[3]);
        var link = underlay.IpA("-o", "addr", "show", "dev", "tunl0");
        Assert.Contains("inet 10.42.1.1/32", link);
        Assert.Contains("mtu 1480", underlay.IpA("-o", "link", "show", "tunl0"));
        Assert.Contains("UP", underlay.IpA("-o", "link", "show", "tunl0"));
        Assert.Equal(1480, a.TunMtu);

        // When A is stopped with SIGTERM
        var (exitCode, summary) = await a.StopAsync();

        // Then it exits 0 after reporting what it carried, and its TUN is gone with it
        Assert.Equal(0, exitCode);
        Assert.NotNull(summary);
        Assert.Matches(@"encapsulated=[1-9]", summary);
        Assert.False(ProcessTermination.IsRunning(a.Pid));
        Assert.DoesNotContain("tunl0", underlay.IpA("-o", "link", "show"));
    }

    [Fact]
    public async Task A_failed_start_reports_the_childs_reason_and_leaves_no_process()
    {
        using var underlay = new UnderlayPair();

        var e = await Assert.ThrowsAsync<PerfSuiteException>(() => IpipEncapsulatorProcess.StartAsync(
            underlay.A, "tunl0", IPAddress.Parse("198.18.0.9"), UnderlayPair.AddressB, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(ErrorReason.Failed, e.Reason);
        Assert.Contains("198.18.0.9 is not assigned", e.Message);
        Assert.DoesNotContain(ProcessTable.Live(), p => ProcessTermination.CommandLineMatches(p.Pid, ["tunnel", "ipip", "--netns", underlay.A]));
    }

    [Fact]
    public async Task Terminating_by_pid_signals_only_a_process_with_the_expected_command_line()
    {
        using var underlay = new UnderlayPair();
        await using var a = await IpipEncapsulatorProcess.StartAsync(underlay.A, "tunl0", UnderlayPair.AddressA, UnderlayPair.AddressB,
            cancellationToken: TestContext.Current.CancellationToken);

        var wrong = await ProcessTermination.TerminateAsync(a.Pid, ["tunnel", "ipip", "--netns", "ps-someone-else"], ProcessTermination.DefaultGrace);
        var stillRunning = ProcessTermination.IsRunning(a.Pid);
        var right = await ProcessTermination.TerminateAsync(a.Pid, IpipEncapsulatorProcess.CommandLineTokens(underlay.A, "tunl0"), ProcessTermination.DefaultGrace);

        Assert.False(wrong);
        Assert.True(stillRunning);
        Assert.True(right);
        Assert.False(ProcessTermination.IsRunning(a.Pid));
    }
}
