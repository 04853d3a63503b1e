using PerfSuite.Model.Statistics;

namespace PerfSuite.Model.Tests.Statistics;

public sealed class HolmTests
{
    [Fact]
    public void Adjusted_p_values_match_r_p_adjust_holm()
    {
        // R: p.adjust(c(0.01, 0.04, 0.03, 0.005, 0.5), "holm") = 0.04 0.09 0.09 0.025 0.5
        var adjusted = Holm.Adjust([0.01, 0.04, 0.03, 0.005, 0.5]);

        Assert.Equal([0.04, 0.09, 0.09, 0.025, 0.5], adjusted.Select(p => Math.Round(p, 12)));
    }

    [Fact]
    public void A_value_outside_zero_to_one_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Holm.Adjust([0.5, 1.5]));
}
