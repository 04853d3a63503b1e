using PerfSuite.Model.Probe;

namespace PerfSuite.Kernel.Ethtool;

/// <summary>The four feature masks of one interface (ETHTOOL_GFEATURES), named by the kernel's ETH_SS_FEATURES
/// strings. <see cref="Features"/> holds every named feature in kernel bit order, the order <c>ethtool -k</c>
/// prints; bit numbers stay internal because they are not a stable ABI.</summary>
public sealed class EthtoolFeatureSet
{
    private readonly Dictionary<string, int> _bitByName;
    private readonly Dictionary<string, FeatureState> _stateByName;

    internal EthtoolFeatureSet(IReadOnlyList<string> bitNames, IReadOnlyList<FeatureState> features, int kernelWords)
    {
        BitNames = bitNames;
        Features = features;
        KernelWords = kernelWords;
        _bitByName = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var bit = 0; bit < bitNames.Count; bit++)
        {
            if (bitNames[bit].Length > 0)
                _bitByName.TryAdd(bitNames[bit], bit);
        }
        _stateByName = features.ToDictionary(f => f.Name, StringComparer.Ordinal);
    }

    /// <summary>Every named feature in kernel bit order.</summary>
    public IReadOnlyList<FeatureState> Features { get; }

    /// <summary>The state of one feature by its kernel name, or null when this kernel has no such feature.</summary>
    public FeatureState? this[string name] => _stateByName.GetValueOrDefault(name);

    /// <summary>The kernel's ETH_SS_FEATURES strings by bit ("" for unused bits).</summary>
    internal IReadOnlyList<string> BitNames { get; }

    /// <summary>ETHTOOL_DEV_FEATURE_WORDS as the kernel reported it; SFEATURES must send exactly this many.</summary>
    internal int KernelWords { get; }

    internal int BitOf(string name) => _bitByName.TryGetValue(name, out var bit) ? bit : -1;
}
