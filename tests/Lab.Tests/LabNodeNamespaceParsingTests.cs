using System.Net;
using PerfSuite.Model.Datapaths;

namespace PerfSuite.Lab.Tests;

/// <summary>The inverses Tune relies on to find the lab path of a node namespace and its recorded endpoints.</summary>
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

    [Fact]
    public void An_endpoint_parses_back_from_what_the_lab_state_records()
    {
        var endpoint = new LabEndpoint("ps-lab-vx-n2p1", IPAddress.Parse("10.42.2.2"), "eth0");

        Assert.True(LabEndpoint.TryParse(endpoint.ToString(), out var address, out var netns));
        Assert.Equal((endpoint.Address, endpoint.Namespace), (address, netns));
        Assert.False(LabEndpoint.TryParse(null, out _, out _));
        Assert.False(LabEndpoint.TryParse("10.42.2.2", out _, out _));
        Assert.False(LabEndpoint.TryParse("nonsense in ps-lab-vx-n2p1", out _, out _));
    }
}
