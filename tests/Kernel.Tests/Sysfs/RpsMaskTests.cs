using PerfSuite.Kernel.Sysfs;

namespace PerfSuite.Kernel.Tests.Sysfs;

public sealed class RpsMaskTests
{
    [Theory]
    [InlineData(1, "1")]
    [InlineData(2, "3")]
    [InlineData(4, "f")]
    [InlineData(32, "ffffffff")]
    [InlineData(33, "1,ffffffff")]
    [InlineData(64, "ffffffff,ffffffff")]
    [InlineData(72, "ff,ffffffff,ffffffff")]
    public void Every_CPU_is_written_in_the_kernels_comma_grouped_format(int cpus, string mask) =>
        Assert.Equal(mask, RpsMask.AllCpus(cpus));

    [Theory]
    [InlineData("00000003", "3")]
    [InlineData("00000000,00000003", "3")]
    [InlineData("0", "0")]
    [InlineData("00", "0")]
    [InlineData("FF\n", "ff")]
    public void Masks_compare_without_padding_and_commas(string read, string normal) =>
        Assert.Equal(normal, RpsMask.Normalize(read));

    [Theory]
    [InlineData(new[] { 0 }, "1")]
    [InlineData(new[] { 1 }, "2")]
    [InlineData(new[] { 0, 1 }, "3")]
    [InlineData(new[] { 3, 1 }, "a")]
    [InlineData(new[] { 32 }, "1,00000000")]
    [InlineData(new[] { 0, 33 }, "2,00000001")]
    public void A_list_of_CPUs_is_the_mask_with_exactly_those_bits_and_reads_back_as_the_same_list(int[] cpus, string mask)
    {
        Assert.Equal(mask, RpsMask.Of(cpus));
        Assert.Equal(cpus.Order(), RpsMask.Cpus(mask));
        Assert.Equal(cpus.Order(), RpsMask.Cpus("00000000," + RpsMask.Of(cpus).PadLeft(8, '0')));
    }

    [Fact]
    public void An_empty_or_negative_list_and_a_mask_that_is_not_hexadecimal_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RpsMask.Of([]));
        Assert.Throws<ArgumentOutOfRangeException>(() => RpsMask.Of([-1]));
        Assert.Throws<FormatException>(() => RpsMask.Cpus("3; reboot"));
        Assert.Empty(RpsMask.Cpus("00000000"));
    }
}
