using PerfSuite.Model.Probe;

namespace PerfSuite.Probe.Ethtool;

/// <summary>Prints features exactly as <c>ethtool -k IF</c> does with ethtool 6.1's netlink implementation
/// (netlink/features.c <c>dump_features</c>): every ethtool group in table order, with its long name alone when
/// one feature matches it, or a summary line and the matching features indented by a tab when several (or none)
/// do; then every other named feature in kernel order.</summary>
public static class EthtoolKRenderer
{
    public static void Write(TextWriter output, string ifName, IReadOnlyList<FeatureState> features)
    {
        // ethtool prints with printf: "\n" line ends whatever the platform.
        output.Write($"Features for {ifName}:\n");
        var owner = features.Select(f => EthtoolFeatureGroup.Owning(f.Name)).ToArray();
        foreach (var group in EthtoolFeatureGroup.All)
        {
            // No kernel with the netlink interface has UFO; ethtool skips the group outright.
            if (group.ShortName == "ufo")
                continue;
            var members = Enumerable.Range(0, features.Count).Where(i => owner[i] == group).Select(i => features[i]).ToList();
            if (members.Count == 1)
            {
                WriteFeature(output, group.LongName, members[0], "");
                continue;
            }
            output.Write($"{group.LongName}: {OnOff(members.Any(m => m.Active))}\n");
            foreach (var member in members)
                WriteFeature(output, member.Name, member, "\t");
        }
        for (var i = 0; i < features.Count; i++)
        {
            if (owner[i] is null)
                WriteFeature(output, features[i].Name, features[i], "");
        }
    }

    public static string Render(string ifName, IReadOnlyList<FeatureState> features)
    {
        using var text = new StringWriter();
        Write(text, ifName, features);
        return text.ToString();
    }

    private static void WriteFeature(TextWriter output, string label, FeatureState feature, string prefix)
    {
        var suffix = feature.Fixed ? " [fixed]"
            : feature.Requested != feature.Active ? (feature.Requested ? " [requested on]" : " [requested off]")
            : "";
        output.Write($"{prefix}{label}: {OnOff(feature.Active)}{suffix}\n");
    }

    private static string OnOff(bool value) => value ? "on" : "off";
}
