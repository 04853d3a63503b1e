using BenchmarkDotNet.Attributes;
using PerfSuite.Kernel.Ethtool;
using PerfSuite.Model.Probe;

namespace PerfSuite.Benchmarks.Probe;

/// <summary>Decoding an ETHTOOL_GFEATURES answer (four masks per 32-bit word) against the feature names into
/// per-feature states, and printing them as <c>ethtool -k</c> does. Answers recorded from kernel 6.18.</summary>
[MemoryDiagnoser]
public class EthtoolFeatureMaskBenchmarks
{
    private IReadOnlyList<string> _names = [];
    private EthtoolFeatureSet _features = null!;

    public static IEnumerable<string> DeviceNames() => ["eth0", "veth0", "vxlan0", "lo"];

    /// <summary>The recorded device: eth0 is the host's virtio NIC, the others were made in a namespace.</summary>
    [ParamsSource(nameof(DeviceNames))]
    public string Device { get; set; } = "eth0";

    private byte[] _answer = [];

    [GlobalSetup]
    public void Setup()
    {
        _names = EthtoolAnswerDecoder.Strings(EmbeddedFixtures.Bytes("ethtool/features.gstrings.bin"));
        _answer = EmbeddedFixtures.Bytes($"ethtool/{Device}.gfeatures.bin");
        _features = EthtoolAnswerDecoder.Features(_names, _answer);
    }

    [Benchmark]
    public EthtoolFeatureSet DecodeFeatureMasks() => EthtoolAnswerDecoder.Features(_names, _answer);

    [Benchmark]
    public string RenderEthtoolK() => EthtoolKRenderer.Render(Device, _features.Features);
}
