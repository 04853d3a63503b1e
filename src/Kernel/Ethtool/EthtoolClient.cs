using PerfSuite.Kernel.Namespaces;
using PerfSuite.Model.Errors;
using PerfSuite.Model.Probe;
using static PerfSuite.Kernel.Interop;

namespace PerfSuite.Kernel.Ethtool;

/// <summary>Reads and sets NIC state through SIOCETHTOOL, the way the <c>ethtool</c> program does, in one network
/// namespace: the one the client was opened in, whatever thread later calls it. Every failure is a
/// <see cref="PerfSuiteException"/>; <see cref="ErrorReason.NotSupported"/> means the driver does not implement
/// that command. Reading needs no privilege; <see cref="SetFeatures"/> needs CAP_NET_ADMIN.</summary>
public sealed class EthtoolClient : IDisposable
{
    private readonly EthtoolSocket _socket;
    private readonly Lock _gate = new();
    private IReadOnlyList<string>? _featureNames;
    private IReadOnlyList<string>? _linkModeNames;

    private EthtoolClient(EthtoolSocket socket) => _socket = socket;

    /// <summary>The namespace the client works in: its /run/netns name, or "host" for the caller's own.</summary>
    public string NamespaceLabel => _socket.NamespaceLabel;

    /// <summary>A client for network namespace <paramref name="netns"/> (its name under /run/netns), or for the
    /// caller's own when null. The socket is created inside the namespace and stays bound to it.</summary>
    public static EthtoolClient Open(string? netns = null) =>
        NetworkNamespace.Run(netns, () => new EthtoolClient(OpenEthtoolSocket(netns ?? NetworkNamespace.HostName)));

    /// <summary>ETHTOOL_GDRVINFO: driver, version, firmware, bus.</summary>
    public DriverInfo GetDriverInfo(string iface) => EthtoolAnswerDecoder.DriverInfo(GDrvInfo(_socket, iface));

    /// <summary>Every named feature with its four masks: GSSET_INFO and GSTRINGS for ETH_SS_FEATURES, then
    /// GFEATURES, matched by name.</summary>
    public EthtoolFeatureSet GetFeatures(string iface)
    {
        var names = FeatureNames(iface);
        var words = (uint)((names.Count + 31) / 32);
        var answer = GFeatures(_socket, iface, words);
        var kernelWords = EthtoolAnswerDecoder.FeatureWords(answer);
        if (kernelWords > words)
            answer = GFeatures(_socket, iface, kernelWords);
        return EthtoolAnswerDecoder.Features(names, answer);
    }

    /// <summary>ETHTOOL_GLINK: whether the link is up.</summary>
    public bool GetLinkDetected(string iface) => EthtoolAnswerDecoder.LinkDetected(GLink(_socket, iface));

    /// <summary>Speed, duplex, autoneg, port and link modes by name: the two-step GLINKSETTINGS handshake, or GSET
    /// for drivers that do not answer it. Includes GLINK's link state when the driver reports it.</summary>
    public LinkSettings GetLinkSettings(string iface)
    {
        bool? detected;
        try
        {
            detected = GetLinkDetected(iface);
        }
        catch (PerfSuiteException e) when (e.Reason == ErrorReason.NotSupported)
        {
            detected = null;
        }
        var handshake = GLinkSettings(_socket, iface, 0);
        var words = EthtoolAnswerDecoder.LinkModeWords(handshake);
        return words is { } n
            ? EthtoolAnswerDecoder.LinkSettings(GLinkSettings(_socket, iface, checked((sbyte)n)), LinkModeNames(iface), detected)
            : EthtoolAnswerDecoder.LegacyLinkSettings(GSet(_socket, iface), LinkModeNames(iface), detected);
    }

    /// <summary>ETHTOOL_GRINGPARAM.</summary>
    public RingParams GetRings(string iface) => EthtoolAnswerDecoder.Rings(GRingParam(_socket, iface));

    /// <summary>ETHTOOL_GCHANNELS.</summary>
    public ChannelParams GetChannels(string iface) => EthtoolAnswerDecoder.Channels(GChannels(_socket, iface));

    /// <summary>ETHTOOL_GCOALESCE.</summary>
    public CoalesceParams GetCoalesce(string iface) => EthtoolAnswerDecoder.Coalesce(GCoalesce(_socket, iface));

    /// <summary>Sets features like <c>ethtool -K</c>: keys are kernel feature names (<c>rx-gro-hw</c>) or ethtool's
    /// group names, short or long (<c>gro</c>, <c>tso</c>, <c>tx-checksumming</c>). Sends one ETHTOOL_SFEATURES,
    /// re-reads with GFEATURES and reports per feature whether the change took effect, and if not why. Unknown
    /// names fail before anything is changed (<see cref="ErrorReason.InvalidArgument"/>); without CAP_NET_ADMIN
    /// the call fails with <see cref="ErrorReason.PermissionDenied"/>.</summary>
    public FeatureChangeReport SetFeatures(string iface, IReadOnlyDictionary<string, bool> changes)
    {
        var before = GetFeatures(iface);
        var plan = FeatureChangePlan.Create(iface, before, changes);
        if (plan.HasBitsToSend)
            SFeatures(_socket, iface, plan.Valid, plan.Requested);
        var after = GetFeatures(iface);
        return plan.Report(before, after);
    }

    /// <summary>Sets ring sizes like <c>ethtool -G</c>, from a whole <see cref="RingParams"/> (the maxima are
    /// ignored by the kernel), and returns the rings read back. To restore, pass the record read before.</summary>
    public RingParams SetRings(string iface, RingParams rings)
    {
        SRingParam(_socket, iface, EthtoolRequestEncoder.Rings(rings));
        return GetRings(iface);
    }

    /// <summary>Sets queue counts like <c>ethtool -L</c>, from a whole <see cref="ChannelParams"/>, and returns them
    /// read back.</summary>
    public ChannelParams SetChannels(string iface, ChannelParams channels)
    {
        SChannels(_socket, iface, EthtoolRequestEncoder.Channels(channels));
        return GetChannels(iface);
    }

    /// <summary>Sets interrupt coalescing like <c>ethtool -C</c>, writing the whole structure: start from the
    /// <see cref="CoalesceParams"/> read with <see cref="GetCoalesce"/> and change only what is meant to change
    /// (reference/ethtool-abi.md §2). Returns the structure read back.</summary>
    public CoalesceParams SetCoalesce(string iface, CoalesceParams coalesce)
    {
        SCoalesce(_socket, iface, EthtoolRequestEncoder.Coalesce(coalesce));
        return GetCoalesce(iface);
    }

    public void Dispose() => _socket.Dispose();

    private IReadOnlyList<string> FeatureNames(string iface)
    {
        lock (_gate)
            return _featureNames ??= ReadStringSet(iface, ETH_SS_FEATURES);
    }

    private IReadOnlyList<string> LinkModeNames(string iface)
    {
        lock (_gate)
            return _linkModeNames ??= ReadStringSet(iface, ETH_SS_LINK_MODES);
    }

    // ETH_SS_FEATURES and ETH_SS_LINK_MODES are the kernel's global tables (netdev_features_strings,
    // link_mode_names), the same for every device, so one read per client serves every interface.
    private string[] ReadStringSet(string iface, int stringSet)
    {
        uint? count;
        try
        {
            count = EthtoolAnswerDecoder.StringSetCount(GSsetInfo(_socket, iface, stringSet), stringSet);
        }
        catch (PerfSuiteException e) when (e.Reason == ErrorReason.PermissionDenied && stringSet == ETH_SS_FEATURES)
        {
            // Kernels before 3.x made GSSET_INFO privileged; ethtool (get_feature_defs) then shows no named features.
            count = null;
        }
        if (count is not { } n || n == 0)
            return [];
        return [.. EthtoolAnswerDecoder.Strings(GStrings(_socket, iface, stringSet, n))];
    }
}
