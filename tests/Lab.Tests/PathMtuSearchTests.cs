using PerfSuite.Lab.Verification;

namespace PerfSuite.Lab.Tests;

public sealed class PathMtuSearchTests
{
    [Theory]
    [InlineData(1450, 1450)]
    [InlineData(1450, 1500)]
    [InlineData(1500, 1400)]
    [InlineData(1500, 68)]
    [InlineData(9000, 65535)]
    [InlineData(68, 1500)]
    [InlineData(65535, 65535)]
    public void Finds_the_largest_size_that_arrives(int expected, int actual)
    {
        // Given a path that carries packets up to `actual` bytes
        var probed = new List<int>();

        // When searching from the size it should carry
        var found = PathMtuSearch.Search(expected, size =>
        {
            probed.Add(size);
            return size <= actual;
        });

        // Then the answer is the path's, and no size outside the IPv4 range was tried
        Assert.Equal(actual, found);
        Assert.All(probed, size => Assert.InRange(size, PathMtuSearch.Floor, PathMtuSearch.Ceiling));
    }

    [Fact]
    public void A_path_as_configured_costs_two_probes()
    {
        var probed = new List<int>();
        PathMtuSearch.Search(1450, size =>
        {
            probed.Add(size);
            return size <= 1450;
        });
        Assert.Equal([1450, 1451], probed);
    }

    [Fact]
    public void Nothing_arriving_is_null_not_the_floor()
    {
        Assert.Null(PathMtuSearch.Search(1500, _ => false));
        Assert.Null(PathMtuSearch.Search(68, _ => false));
    }
}
