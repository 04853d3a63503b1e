using PerfSuite.Model.Errors;
using static PerfSuite.Kernel.Interop;

namespace PerfSuite.Kernel.Tests.Interop;

public sealed class CheckIoTests
{
    [Fact]
    public void Non_negative_results_pass_through()
    {
        Assert.Equal(3, CheckIo(3, 0, "eth0", "ETHTOOL_SFEATURES", "host"));
    }

    [Fact]
    public void ENODEV_names_the_interface_and_the_namespace()
    {
        // Given the kernel's answer for a name that is not in the socket's namespace (errno 19)
        var e = Assert.ThrowsAny<PerfSuiteException>(() => CheckIo(-1, 19, "nope0", "ETHTOOL_GDRVINFO", "ps-lab-a"));

        Assert.Equal(ErrorReason.NotFound, e.Reason);
        Assert.Equal("no interface 'nope0' in network namespace 'ps-lab-a'", e.Message);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(13)]
    public void EPERM_and_EACCES_name_the_missing_capability(int errno)
    {
        var e = Assert.ThrowsAny<PerfSuiteException>(() => CheckIo(-1, errno, "eth0", "ETHTOOL_SFEATURES", "host"));

        Assert.Equal(ErrorReason.PermissionDenied, e.Reason);
        Assert.Contains("CAP_NET_ADMIN", e.Message, StringComparison.Ordinal);
        Assert.Contains("ETHTOOL_SFEATURES", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(95, ErrorReason.NotSupported)]
    [InlineData(22, ErrorReason.InvalidArgument)]
    [InlineData(16, ErrorReason.Busy)]
    [InlineData(110, ErrorReason.Timeout)]
    [InlineData(14, ErrorReason.Io)]
    public void Other_errno_values_map_to_their_reason(int errno, ErrorReason reason)
    {
        var e = Assert.ThrowsAny<PerfSuiteException>(() => CheckIo(-1, errno, "lo", "ETHTOOL_GRINGPARAM", "host"));

        Assert.Equal(reason, e.Reason);
        Assert.Contains("'lo'", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("sixteen-bytes-ab")]
    [InlineData("ünterface-12345")]
    public void Names_the_kernel_cannot_hold_are_rejected_before_any_ioctl(string name)
    {
        var e = Assert.Throws<PerfSuiteException>(() => InterfaceName.Validate(name));

        Assert.Equal(ErrorReason.InvalidArgument, e.Reason);
    }

    [Fact]
    public void A_15_byte_name_is_accepted()
    {
        InterfaceName.Validate("fifteen-bytes-a");
    }
}
