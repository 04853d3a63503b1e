using System.Diagnostics.CodeAnalysis;

namespace PerfSuite.Tests.Support;

/// <summary>
/// Every skip CI expects, in one place with its reason: tests written for one kind of kernel, or for one place, that
/// this machine is not (unlike a missing prerequisite, <see cref="Requires"/>, these skip under CI too). This project's
/// machines have no ipip, wireguard, geneve or dummy module; the tests of those kernels run inside User-Mode Linux.
/// </summary>
public static class HostSkips
{
    /// <summary>True when the running kernel has <paramref name="module"/> (built in or loaded).</summary>
    public static bool KernelHas(string module) => Directory.Exists($"/sys/module/{module}");

    /// <summary>A test of what PerfSuite does on a kernel without <paramref name="module"/>; <paramref name="has"/>
    /// when the test finds out itself (a module file on disk, a link kind the kernel accepts), else <see cref="KernelHas"/>.</summary>
    public static void UnlessKernelLacks(string module, bool? has = null) =>
        Assert.SkipWhen(has ?? KernelHas(module), $"this kernel has the '{module}' module: tests what happens without it");

    /// <summary>A test of a kernel datapath that needs <paramref name="module"/> (on this project's machines it is
    /// tested inside User-Mode Linux instead).</summary>
    public static void UnlessKernelHas(string module, bool? has = null) =>
        Assert.SkipUnless(has ?? KernelHas(module), $"this kernel has no '{module}' module (tested inside User-Mode Linux)");

    /// <summary>A device kind the kernel cannot create (its module is missing); <paramref name="missing"/> says why.</summary>
    public static void WhenDeviceKindMissing(string? missing) => Assert.SkipWhen(missing is not null, missing ?? "");

    /// <summary>A generic netlink family (ethtool, tcp_metrics) that not every kernel is built with.</summary>
    public static void UnlessGenericNetlinkFamily(bool present, string family) =>
        Assert.SkipUnless(present, $"this kernel has no '{family}' generic netlink family");

    /// <summary>A test of one of the host's own interfaces (eth0 on this project's machines).</summary>
    public static void UnlessHostInterface(string iface) =>
        Assert.SkipUnless(Directory.Exists($"/sys/class/net/{iface}"), $"this machine has no '{iface}'");

    /// <summary>Kernel.Tests' ethtool fixture recorder: a tool run by Fixtures/ethtool/record.sh, not a test.</summary>
    public static void UnlessRecordingFixtures([DoesNotReturnIf(false)] bool recording) =>
        Assert.SkipUnless(recording, "records fixtures only when run by Fixtures/ethtool/record.sh");

    /// <summary>A UML test seen outside UML: <c>./run-tests</c> runs it inside User-Mode Linux (as root), where
    /// <paramref name="inside"/> is true.</summary>
    public static void UnlessInsideUml(bool inside) =>
        Assert.SkipUnless(inside, "runs inside User-Mode Linux: ./run-tests boots it as root (scripts/uml-run, Debian package user-mode-linux)");

    /// <summary>A test that boots UML from the host, seen inside UML.</summary>
    public static void WhenInsideUml(bool inside) => Assert.SkipWhen(inside, "boots UML from the host");
}
