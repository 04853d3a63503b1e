using BenchmarkDotNet.Attributes;
using PerfSuite.Kernel.Ethtool;

namespace PerfSuite.Benchmarks.Probe;

/// <summary>Decoding an ETHTOOL_GSTRINGS answer (32-byte NUL-padded slots) into names, as every probe of an
/// interface does once per string set. Answers recorded from kernel 6.18.</summary>
[MemoryDiagnoser]
public class EthtoolStringSetBenchmarks
{
    public static IEnumerable<BenchmarkCase<byte[]>> StringSets() =>
    [
        new("ETH_SS_FEATURES", EmbeddedFixtures.Bytes("ethtool/features.gstrings.bin")),
        new("ETH_SS_LINK_MODES", EmbeddedFixtures.Bytes("ethtool/link_modes.gstrings.bin")),
    ];

    [Benchmark]
    [ArgumentsSource(nameof(StringSets))]
    public IReadOnlyList<string> DecodeStringSet(BenchmarkCase<byte[]> set) => EthtoolAnswerDecoder.Strings(set.Value);
}
