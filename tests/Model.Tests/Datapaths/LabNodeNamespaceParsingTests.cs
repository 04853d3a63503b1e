using PerfSuite.Model.Datapaths;

namespace PerfSuite.Model.Tests.Datapaths;

/// <summary>The inverse Tune and Probe rely on to find the lab path of a node namespace.</summary>
public sealed class LabNodeNamespaceParsingTests
{
    [Fact]
    public void Every_node_namespace_parses_back_to_its_lab_path_and_node()
    {
        foreach (var path in Datapath.All)
        {
            var netns = LabNaming.NodeNamespace("lab7", path, 2);

            Assert.True(LabNaming.TryParseNodeNamespace(netns, out var lab, out var parsed, out var node), netns);
            Assert.Equal(("lab7", path, 2), (lab, parsed, node));
        }
    }

    [Theory]
    [InlineData("ps-lab-vx-n1p1")]
    [InlineData("ps-lab-zz-n1")]
    [InlineData("ps-lab-vx-x1")]
    [InlineData("ps-lab-vx-n")]
    [InlineData("ps-te744fda")]
    [InlineData("cni-1234")]
    public void Pod_and_foreign_namespaces_are_not_node_namespaces(string netns) =>
        Assert.False(LabNaming.TryParseNodeNamespace(netns, out _, out _, out _));
}
