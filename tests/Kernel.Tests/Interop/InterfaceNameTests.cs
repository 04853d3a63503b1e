using PerfSuite.Model.Errors;

namespace PerfSuite.Kernel.Tests.Interop;

public sealed class InterfaceNameTests
{
    [Theory]
    [InlineData("eth0")]
    [InlineData("eth0:1")]
    [InlineData("fifteen-bytes-a")]
    public void Names_the_kernel_can_look_up_pass_Validate(string name)
    {
        Assert.Null(InterfaceName.Problem(name));
        InterfaceName.Validate(name);
    }

    [Fact]
    public void Too_long_names_get_the_message_the_cli_shows()
    {
        Assert.Equal("an interface name has 1 to 15 bytes, not 16", InterfaceName.Problem("sixteen-bytes-ab"));
    }

    [Theory]
    [InlineData("eth0:1")]
    [InlineData("a/b")]
    [InlineData("a b")]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("")]
    public void Names_no_new_device_may_have_are_refused_by_ValidateNew(string name)
    {
        var e = Assert.Throws<PerfSuiteException>(() => InterfaceName.ValidateNew(name));

        Assert.Equal(ErrorReason.InvalidArgument, e.Reason);
    }

    [Fact]
    public void A_new_device_may_have_a_plain_15_byte_name()
    {
        InterfaceName.ValidateNew("ps-lab-vxlan-n1");
    }
}
