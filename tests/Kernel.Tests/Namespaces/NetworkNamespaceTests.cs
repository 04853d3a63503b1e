using System.Diagnostics;
using PerfSuite.Kernel.Namespaces;
using PerfSuite.Model.Errors;

namespace PerfSuite.Kernel.Tests.Namespaces;

public sealed class NetworkNamespaceTests
{
    [Fact]
    public void Created_namespace_is_listed_by_ip_netns_and_deleted_again()
    {
        string name;
        using (var ns = new ScratchNamespace())
        {
            name = ns.Name;
            Assert.Contains(name, Shell.Run("ip", "netns", "list").Split('\n').Select(l => l.Split(' ')[0]));
            Assert.Contains(name, NetworkNamespace.List());
            // ip can work inside what we created: it is a real namespace with only a loopback device
            Assert.Contains("lo", ns.Ip("-o", "link", "show"));
        }
        Assert.DoesNotContain(name, Shell.Run("ip", "netns", "list"));
        Assert.False(NetworkNamespace.Exists(name));
    }

    [Fact]
    public void Code_runs_inside_the_namespace_without_moving_the_caller()
    {
        using var ns = new ScratchNamespace();
        var callerBefore = File.ReadAllText("/proc/thread-self/net/dev");

        var inside = NetworkNamespace.Run(ns.Name, () => File.ReadAllText("/proc/thread-self/net/dev"));

        Assert.Contains("lo:", inside);
        Assert.DoesNotContain("eth0", inside);
        Assert.Equal(callerBefore.Split('\n').Length, File.ReadAllText("/proc/thread-self/net/dev").Split('\n').Length);
    }

    [Fact]
    public void A_process_started_inside_lives_in_that_namespace()
    {
        using var ns = new ScratchNamespace();
        var expected = Shell.Run("stat", "-L", "-c", "%i", NetworkNamespace.PathOf(ns.Name)).Trim();

        var psi = new ProcessStartInfo("readlink", "/proc/self/ns/net") { RedirectStandardOutput = true };
        using var process = NetworkNamespace.StartProcess(ns.Name, psi);
        var link = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();

        Assert.Equal($"net:[{expected}]", link);
    }

    [Fact]
    public void Unknown_namespace_is_a_not_found_error()
    {
        var e = Assert.Throws<PerfSuiteException>(() => NetworkNamespace.Run("ps-does-not-exist", () => 0));
        Assert.Equal(ErrorReason.NotFound, e.Reason);
        Assert.Contains("ps-does-not-exist", e.Message);
    }

    [Fact]
    public void Creating_an_existing_name_says_it_exists()
    {
        using var ns = new ScratchNamespace();
        var e = Assert.Throws<PerfSuiteException>(() => NetworkNamespace.Create(ns.Name));
        Assert.Equal(ErrorReason.Busy, e.Reason);
    }

    [Theory]
    [InlineData("")]
    [InlineData("..")]
    [InlineData("a/b")]
    [InlineData("sp ace")]
    public void Names_that_are_not_plain_are_refused(string name)
    {
        var e = Assert.Throws<PerfSuiteException>(() => NetworkNamespace.PathOf(name));
        Assert.Equal(ErrorReason.InvalidArgument, e.Reason);
    }
}
