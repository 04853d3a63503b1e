using PerfSuite.Model.Errors;
using static PerfSuite.Kernel.Interop;

namespace PerfSuite.Kernel.Tests.Fixtures;

/// <summary>Records the kernel's raw SIOCETHTOOL answers for the interfaces of the namespace it runs in, into the
/// files the decoding tests read. Not a test: it runs only when Fixtures/ethtool/record.sh sets
/// PERFSUITE_RECORD_FIXTURES to the output directory and PERFSUITE_RECORD_IFACES to the interfaces.</summary>
public sealed class EthtoolFixtureRecorder
{
    [Fact]
    public void Record_raw_ethtool_answers()
    {
        var directory = Environment.GetEnvironmentVariable("PERFSUITE_RECORD_FIXTURES");
        var ifaces = Environment.GetEnvironmentVariable("PERFSUITE_RECORD_IFACES");
        HostSkips.UnlessRecordingFixtures(!string.IsNullOrEmpty(directory) && !string.IsNullOrEmpty(ifaces));

        using var socket = OpenEthtoolSocket("host");
        var first = ifaces.Split(' ')[0];
        Save(directory, "features.gsset_info", GSsetInfo(socket, first, ETH_SS_FEATURES));
        Save(directory, "link_modes.gsset_info", GSsetInfo(socket, first, ETH_SS_LINK_MODES));
        var featureCount = BitConverter.ToUInt32(GSsetInfo(socket, first, ETH_SS_FEATURES), 16);
        var linkModeCount = BitConverter.ToUInt32(GSsetInfo(socket, first, ETH_SS_LINK_MODES), 16);
        Save(directory, "features.gstrings", GStrings(socket, first, ETH_SS_FEATURES, featureCount));
        Save(directory, "link_modes.gstrings", GStrings(socket, first, ETH_SS_LINK_MODES, linkModeCount));

        foreach (var iface in ifaces.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            SaveIfSupported(directory, $"{iface}.gdrvinfo", () => GDrvInfo(socket, iface));
            Save(directory, $"{iface}.gfeatures", GFeatures(socket, iface, (featureCount + 31) / 32));
            SaveIfSupported(directory, $"{iface}.glink", () => GLink(socket, iface));
            SaveIfSupported(directory, $"{iface}.glinksettings-handshake", () => GLinkSettings(socket, iface, 0));
            var handshakeFile = Path.Combine(directory, $"{iface}.glinksettings-handshake.bin");
            var nwords = File.Exists(handshakeFile) ? (sbyte)File.ReadAllBytes(handshakeFile)[15] : (sbyte)0;
            if (nwords < 0)
                Save(directory, $"{iface}.glinksettings", GLinkSettings(socket, iface, (sbyte)-nwords));
            // The kernel answers GSET for link_ksettings drivers too (converted), so the fallback decoder gets a
            // recording to be checked against.
            SaveIfSupported(directory, $"{iface}.gset", () => GSet(socket, iface));
            SaveIfSupported(directory, $"{iface}.gringparam", () => GRingParam(socket, iface));
            SaveIfSupported(directory, $"{iface}.gchannels", () => GChannels(socket, iface));
            SaveIfSupported(directory, $"{iface}.gcoalesce", () => GCoalesce(socket, iface));
        }
    }

    private static void SaveIfSupported(string directory, string name, Func<byte[]> read)
    {
        try
        {
            Save(directory, name, read());
        }
        catch (PerfSuiteException e) when (e.Reason == ErrorReason.NotSupported)
        {
            // The absence of the file is the recording of EOPNOTSUPP.
        }
    }

    private static void Save(string directory, string name, byte[] answer) =>
        File.WriteAllBytes(Path.Combine(directory, name + ".bin"), answer);
}
