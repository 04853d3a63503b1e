using PerfSuite.Model.Datapaths;
using PerfSuite.Model.Errors;

namespace PerfSuite.Lab.Tests;

public sealed class LabSpecTests
{
    [Theory]
    [InlineData("native", 1500, null, 1500)]
    [InlineData("vxlan", 1500, null, 1450)]
    [InlineData("vxlan", 9000, null, 8950)]
    [InlineData("ipip", 1500, null, 1480)]
    [InlineData("wireguard", 1500, null, 1440)]
    [InlineData("vxlan+wireguard", 1500, null, 1390)]
    [InlineData("vxlan", 1500, 1500, 1450)] // a pod MTU above the tunnel's is capped by it
    [InlineData("vxlan", 1500, 1400, 1400)]
    [InlineData("same-node", 1500, 9000, 9000)] // pods on one bridge see only each other
    [InlineData("host", 1500, 1400, 1500)] // the host path has no pods
    public void Expected_path_mtu_is_pod_mtu_capped_by_the_tunnel(string path, int underlay, int? pod, int expected)
    {
        var spec = new LabSpec("t", [Datapath.Parse(path)], underlay, pod);
        Assert.Equal(expected, spec.ExpectedPathMtu(Datapath.Parse(path)));
    }

    [Theory]
    [InlineData(67, null, "native", "underlay MTU 67 is outside")]
    [InlineData(65536, null, "native", "underlay MTU 65536 is outside")]
    [InlineData(1500, 60, "native", "pod MTU 60 is outside")]
    [InlineData(100, null, "vxlan", "too small for vxlan: its 50 bytes of overhead leave 50")]
    [InlineData(170, null, "vxlan+wireguard", "too small for vxlan+wireguard")]
    public void Mtus_the_kernel_would_refuse_are_refused_first(int underlay, int? pod, string path, string message)
    {
        var spec = new LabSpec("t", [Datapath.Parse(path)], underlay, pod);
        var e = Assert.Throws<PerfSuiteException>(spec.Validate);
        Assert.Equal(ErrorReason.InvalidArgument, e.Reason);
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void Pods_per_node_must_fit_the_pod_cidr()
    {
        Assert.Throws<PerfSuiteException>(new LabSpec("t", [Datapath.Native], PodsPerNode: 0).Validate);
        Assert.Throws<PerfSuiteException>(new LabSpec("t", [Datapath.Native], PodsPerNode: 251).Validate);
        new LabSpec("t", [Datapath.Native], PodsPerNode: 250).Validate();
    }

    [Fact]
    public void No_path_or_a_path_twice_is_refused()
    {
        Assert.Throws<PerfSuiteException>(new LabSpec("t", []).Validate);
        Assert.Throws<PerfSuiteException>(new LabSpec("t", [Datapath.Native, Datapath.Native]).Validate);
    }
}
