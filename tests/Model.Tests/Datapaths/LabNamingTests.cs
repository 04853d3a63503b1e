using PerfSuite.Model.Datapaths;
using PerfSuite.Model.Errors;

namespace PerfSuite.Model.Tests.Datapaths;

public sealed class LabNamingTests
{
    [Fact]
    public void An_eight_character_name_makes_interface_names_of_exactly_fifteen_bytes()
    {
        LabNaming.Validate("abcdefgh");
        Assert.Equal(15, LabNaming.HostUniqueInterface("abcdefgh", "xw2").Length);
    }

    [Fact]
    public void A_name_that_would_make_a_sixteen_byte_interface_name_is_refused()
    {
        var e = Assert.Throws<PerfSuiteException>(() => LabNaming.Validate("abcdefghi"));
        Assert.Equal(ErrorReason.InvalidArgument, e.Reason);
        Assert.Contains("'ps-abcdefghi-xxx', 16 bytes", e.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Lab")]
    [InlineData("a-b")]
    [InlineData("a_b")]
    [InlineData("la b")]
    [InlineData("ü")]
    public void Names_other_than_lowercase_letters_and_digits_are_refused(string name)
    {
        Assert.Throws<PerfSuiteException>(() => LabNaming.Validate(name));
    }

    [Fact]
    public void Namespace_names_carry_the_lab_prefix_path_node_and_pod()
    {
        Assert.Equal("ps-lab-vx-n1", LabNaming.NodeNamespace("lab", Datapath.Vxlan, 1));
        Assert.Equal("ps-lab-vx-n2p3", LabNaming.PodNamespace("lab", Datapath.Vxlan, 2, 3));
        Assert.All(Datapath.All, d => Assert.StartsWith(LabNaming.Prefix("lab"), LabNaming.NodeNamespace("lab", d, 1)));
        Assert.Equal(Datapath.All.Count, Datapath.All.Select(LabNaming.PathCode).Distinct().Count());
    }
}
