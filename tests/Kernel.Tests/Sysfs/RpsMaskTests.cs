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
}
