using System.Net;

namespace PerfSuite.Lab.Tests;

/// <summary>The inverse Tune's --verify relies on to find a lab path's recorded client and server.</summary>
public sealed class LabEndpointTests
{
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
