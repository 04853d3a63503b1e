using PerfSuite.Kernel.Sysfs;
using PerfSuite.Model.Errors;

namespace PerfSuite.Kernel.Tests.Sysfs;

/// <summary>rps_cpus of veth queues inside a namespace of the test's own, with <c>ip netns exec … cat</c> (which
/// mounts its own sysfs the same way) as the oracle.</summary>
public sealed class ReceivePacketSteeringLiveTests
{
    private static string Cat(ScratchNamespace ns, string path) => Shell.Run("ip", "netns", "exec", ns.Name, "cat", path).Trim();

    [Fact]
    public void Masks_of_a_namespaced_veth_are_read_written_and_restored_without_touching_the_hosts_sysfs()
    {
        // Given a veth that exists only inside the namespace
        using var ns = new ScratchNamespace();
        ns.Ip("link", "add", "veth0", "type", "veth", "peer", "name", "veth1");
        var path = "/sys/class/net/veth0/queues/rx-0/rps_cpus";

        // When
        var masks = ReceivePacketSteering.Read(ns.Name, ["veth0"]);

        // Then: every rx queue, in order, as the oracle reads it
        Assert.NotEmpty(masks);
        Assert.Equal(masks.Select((_, i) => $"rx-{i}"), masks.Select(m => m.Queue));
        Assert.Equal(Cat(ns, path), masks[0].Mask);
        Assert.True(masks[0].IsOff);

        // And when CPU 0 is given the queue and then taken away again
        var written = ReceivePacketSteering.Write(ns.Name, "veth0", "rx-0", "1");
        Assert.True(RpsMask.AreEqual("1", written));
        Assert.True(RpsMask.AreEqual("1", Cat(ns, path)));
        ReceivePacketSteering.Write(ns.Name, "veth0", "rx-0", masks[0].Mask);
        Assert.Equal(masks[0].Mask, Cat(ns, path));

        // The host's /sys still shows the host's devices
        Assert.False(Directory.Exists("/sys/class/net/veth0"));
    }

    [Fact]
    public void A_queue_that_does_not_exist_is_not_found_and_a_bad_mask_is_refused_before_anything_is_written()
    {
        using var ns = new ScratchNamespace();
        ns.Ip("link", "add", "veth0", "type", "veth", "peer", "name", "veth1");

        var missing = Assert.Throws<PerfSuiteException>(() => ReceivePacketSteering.ReadOne(ns.Name, "veth0", "rx-99"));
        var bad = Assert.Throws<PerfSuiteException>(() => ReceivePacketSteering.Write(ns.Name, "veth0", "rx-0", "3; reboot"));
        var traversal = Assert.Throws<PerfSuiteException>(() => ReceivePacketSteering.ReadOne(ns.Name, "veth0", "../../x"));

        Assert.Equal(ErrorReason.NotFound, missing.Reason);
        Assert.Equal($"reading rps_cpus of veth0 rx-99 in network namespace '{ns.Name}': no such queue (or a kernel without RPS)", missing.Message);
        Assert.Equal(ErrorReason.InvalidArgument, bad.Reason);
        Assert.Equal(ErrorReason.InvalidArgument, traversal.Reason);
    }
}
