using PerfSuite.Model.Statistics;

namespace PerfSuite.Model.Tests.Statistics;

public sealed class SplitMix64Tests
{
    [Fact]
    public void Sequence_matches_the_reference_implementation()
    {
        // Given seed 0, the reference C code (Vigna, splitmix64.c) yields these first three values
        var random = new SplitMix64(0);

        Assert.Equal(0xE220A8397B1DCDAFUL, random.NextUInt64());
        Assert.Equal(0x6E789E6AA1B965F4UL, random.NextUInt64());
        Assert.Equal(0x06C45D188009454FUL, random.NextUInt64());
    }

    [Fact]
    public void Bounded_integers_cover_the_range_evenly()
    {
        var random = new SplitMix64(1);
        var counts = new int[5];
        for (var i = 0; i < 50_000; i++)
            counts[random.NextInt(5)]++;

        // 10,000 expected per value, standard deviation ≈ 89
        Assert.All(counts, c => Assert.InRange(c, 9_600, 10_400));
    }
}
