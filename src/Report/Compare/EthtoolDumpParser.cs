using System.Globalization;
using System.Text.RegularExpressions;
using PerfSuite.Model.Errors;
using PerfSuite.Model.Probe;
using PerfSuite.Probe.Ethtool;

namespace PerfSuite.Report.Compare;

/// <summary>Reads a saved <c>ethtool -k</c> dump back into feature states: the inverse of
/// <see cref="EthtoolKRenderer"/>, so <c>render(parse(text)) == text</c> for every dump ethtool 6.1 prints.</summary>
/// <remarks>
/// <para>Both layouts ethtool has printed since 3.1 are read: the netlink one (ethtool ≥ 5.6) and the ioctl one,
/// which differ only in how the group summary is computed and in the <c>udp-fragmentation-offload</c> group that
/// kernels before 4.14 still had. A group long name (<c>tcp-segmentation-offload</c>) followed by indented lines
/// is a summary and its features; standing alone it is the one kernel feature its pattern names
/// (ethtool common.c <c>off_flag_def</c>, shared with the renderer through <see cref="EthtoolFeatureGroup"/>).
/// Summary values are not checked against their members: the ioctl layout takes them from the legacy
/// per-group ioctls, which may disagree.</para>
/// <para>Accepted around the dump: <c>ethtool -i</c> output above a "Features for" block, several blocks
/// separated by blank lines (<c>perfsuite probe --format ethtool-k</c> writes that), ethtool's own
/// "Cannot get ..." messages, shell prompts echoing the command, lines starting with '#', tabs turned into
/// spaces and CRLF line ends by mail and chat programs. Anything else is refused with its line number.</para>
/// <para>The layout of ethtool before 3.1 ("Offload parameters for IF:") shows only the legacy group switches,
/// not kernel features, and is refused with that reason.</para>
/// </remarks>
public static partial class EthtoolDumpParser
{
    /// <summary>NETIF_F_NEVER_CHANGE (include/linux/netdev_features.h): the kernel reports these bits as
    /// never-changeable on every device, whatever their state.</summary>
    private static readonly HashSet<string> NeverChange = new(StringComparer.Ordinal) { "vlan-challenged", "netns-local" };

    [GeneratedRegex(@"^(?<indent>[ \t]*)(?<name>[^\s:]+): (?<state>on|off)(?: \[(?<suffix>fixed|requested on|requested off)\])?$", RegexOptions.CultureInvariant)]
    private static partial Regex FeatureLine();

    [GeneratedRegex(@"^[a-z0-9][a-z0-9_-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex FeatureName();

    [GeneratedRegex(@"^(?<key>[a-z][a-z-]*):(?: (?<value>.*))?$", RegexOptions.CultureInvariant)]
    private static partial Regex InfoLine();

    /// <summary>"$ ethtool -k eth0", "root@host:~# ethtool -i eth0": the command echoed by a copied terminal.</summary>
    [GeneratedRegex(@"^\S*[$#>%]\s*(sudo\s+)?ethtool(\s|$)", RegexOptions.CultureInvariant)]
    private static partial Regex PromptLine();

    /// <summary>Parses <paramref name="text"/>; <paramref name="source"/> names it in messages. Throws
    /// <see cref="PerfSuiteException"/> (<see cref="ErrorReason.InvalidArgument"/>) naming the first line that
    /// does not parse and why.</summary>
    public static EthtoolDump Parse(string text, string source) => new Reader(source).Read(text);

    /// <summary>True when the first meaningful line of <paramref name="text"/> is one ethtool prints at the top of
    /// <c>-k</c> or <c>-i</c> output; the compare loader uses it to tell a dump from some other text file.</summary>
    public static bool LooksLikeDump(string text)
    {
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#') || PromptLine().IsMatch(line))
                continue;
            return line.StartsWith("Features for ", StringComparison.Ordinal)
                || line.StartsWith("Offload parameters for ", StringComparison.Ordinal)
                || line.StartsWith("driver:", StringComparison.Ordinal)
                || line.StartsWith("Cannot ", StringComparison.Ordinal);
        }
        return false;
    }

    private sealed class Reader(string source)
    {
        private readonly List<EthtoolDumpInterface> _interfaces = [];
        private readonly Dictionary<string, int> _interfaceLines = new(StringComparer.Ordinal);
        private readonly List<string> _pendingNotes = [];
        private Dictionary<string, string>? _pendingDriver;
        private int _pendingDriverLine;
        private Block? _block;
        private OpenGroup? _group;
        private bool _seenEthtool;

        public EthtoolDump Read(string text)
        {
            var lines = text.Split('\n');
            for (var i = 0; i < lines.Length; i++)
                ReadLine(i + 1, lines[i].TrimEnd('\r').TrimEnd());
            CloseBlock();
            if (_pendingDriver is not null)
                throw Error(_pendingDriverLine, "ethtool -i output with no 'Features for IF:' block after it; save ethtool -k below it");
            if (_interfaces.Count == 0)
                throw new PerfSuiteException(ErrorReason.InvalidArgument,
                    $"{source} has no 'Features for IF:' line: it holds no ethtool -k output");
            if (_pendingNotes.Count > 0)
            {
                var last = _interfaces[^1];
                _interfaces[^1] = last with { Notes = [.. last.Notes, .. _pendingNotes] };
            }
            return new EthtoolDump(source, _interfaces);
        }

        private void ReadLine(int number, string line)
        {
            if (line.Length == 0)
            {
                CloseBlock();
                return;
            }
            if (line.StartsWith('#') || PromptLine().IsMatch(line))
                return;
            if (line.StartsWith("Cannot ", StringComparison.Ordinal))
            {
                // ethtool complains about a device before printing its block ("Cannot get driver information:
                // Operation not supported" for lo), so the message belongs to the next block.
                CloseBlock();
                _pendingNotes.Add(line);
                _seenEthtool = true;
                return;
            }
            if (line.StartsWith("Offload parameters for ", StringComparison.Ordinal))
                throw Error(number, "'Offload parameters for ...' is the layout of ethtool before 3.1, which shows only the legacy group switches, not the kernel's features; capture it with ethtool 3.1 or later");
            if (line.StartsWith("Features for ", StringComparison.Ordinal))
            {
                StartBlock(number, line);
                return;
            }
            if (line.StartsWith("driver:", StringComparison.Ordinal))
            {
                CloseBlock();
                if (_pendingDriver is not null)
                    throw Error(number, $"a second ethtool -i block (the first starts on line {_pendingDriverLine}) before any 'Features for IF:' line; put each interface's ethtool -k right below its ethtool -i");
                _pendingDriver = new Dictionary<string, string>(StringComparer.Ordinal);
                _pendingDriverLine = number;
                _seenEthtool = true;
            }
            if (_block is not null)
            {
                ReadFeature(number, line);
                return;
            }
            if (_pendingDriver is not null && InfoLine().Match(line) is { Success: true } info)
            {
                if (FeatureLine().IsMatch(line))
                    throw Error(number, $"'{Excerpt(line)}' is a feature line, but no 'Features for IF:' line comes between it and the ethtool -i output above (line {_pendingDriverLine})");
                _pendingDriver.TryAdd(info.Groups["key"].Value, info.Groups["value"].Value.Trim());
                return;
            }
            if (!_seenEthtool)
                throw Error(number, $"'{Excerpt(line)}' is not ethtool output (an ethtool -k dump starts with 'Features for IF:', or with ethtool -i's 'driver: NAME' above it)");
            if (InfoLine().IsMatch(line) && FeatureLine().Match(line) is not { Success: true })
                throw Error(number, $"'{Excerpt(line)}' looks like ethtool -i output, but no 'driver:' line starts its block");
            throw Error(number, $"'{Excerpt(line)}' is outside any 'Features for IF:' block");
        }

        private void StartBlock(int number, string line)
        {
            CloseBlock();
            var name = line["Features for ".Length..];
            if (!name.EndsWith(':') || name.Length < 2)
                throw Error(number, $"'{Excerpt(line)}' should read 'Features for IF:'");
            name = name[..^1];
            if (_interfaceLines.TryGetValue(name, out var first))
                throw Error(number, $"a second block for {name} (the first is on line {first})");
            _interfaceLines[name] = number;
            _block = new Block(name, number, TakeDriver(), [.. _pendingNotes]);
            _pendingNotes.Clear();
            _seenEthtool = true;
        }

        private void ReadFeature(int number, string line)
        {
            var match = FeatureLine().Match(line);
            if (!match.Success)
                throw Error(number, $"'{Excerpt(line)}' is not a feature line ('NAME: on' or 'NAME: off', optionally followed by [fixed], [requested on] or [requested off])");
            var name = match.Groups["name"].Value;
            var on = match.Groups["state"].Value == "on";
            var suffix = match.Groups["suffix"].Success ? match.Groups["suffix"].Value : null;
            if (!FeatureName().IsMatch(name))
                throw Error(number, $"'{name}' is not a kernel feature name (lower-case letters, digits, '-' and '_')");

            if (match.Groups["indent"].Length > 0)
            {
                if (_group is null)
                    throw Error(number, $"'{name}' is indented, but no group line (such as 'tcp-segmentation-offload: on') comes before it");
                if (!_group.Group.Matches(name))
                    throw Error(number, $"'{name}' is indented under '{_group.Group.LongName}' (line {_group.Line}), which stands for {_group.Group.Pattern} only");
                if (_group.Suffix is not null)
                    throw Error(_group.Line, $"'{_group.Group.LongName}' is a group summary (indented features follow it), and ethtool prints no [{_group.Suffix}] on a summary");
                _group.HasMembers = true;
                Add(number, name, on, suffix);
                return;
            }

            CloseGroup();
            if (EthtoolFeatureGroup.All.FirstOrDefault(g => g.LongName == name) is { } group)
                _group = new OpenGroup(group, number, on, suffix);
            else
                Add(number, name, on, suffix);
        }

        /// <summary>A group line with no indented features below it is the one feature of that group.</summary>
        private void CloseGroup()
        {
            if (_group is not { HasMembers: false } group)
            {
                _group = null;
                return;
            }
            _group = null;
            var star = group.Group.Pattern.IndexOf('*', StringComparison.Ordinal);
            var name = star < 0 ? group.Group.Pattern : group.Group.Pattern.Remove(star, 1);
            if (!FeatureName().IsMatch(name) || name.EndsWith('-'))
                throw Error(group.Line, $"'{group.Group.LongName}' stands alone, so it is a single feature, but its pattern {group.Group.Pattern} does not say which; list its features indented below it as ethtool does");
            Add(group.Line, name, group.On, group.Suffix);
        }

        private void Add(int number, string name, bool on, string? suffix)
        {
            var block = _block!;
            if (block.Lines.TryGetValue(name, out var first))
                throw Error(number, $"feature {name} appears twice in the block for {block.Name} (first on line {first})");
            block.Lines[name] = number;
            var state = suffix == "fixed"
                // The kernel keeps wanted features within the changeable ones (register_netdevice sets
                // wanted = features & hw_features, and SFEATURES refuses the rest), so a fixed feature is not requested.
                ? new FeatureState(name, Available: false, Requested: false, Active: on, NeverChanged: NeverChange.Contains(name))
                : new FeatureState(name, Available: true, Requested: suffix switch { "requested on" => true, "requested off" => false, _ => on },
                    Active: on, NeverChanged: false);
            block.Features.Add(state);
        }

        private void CloseBlock()
        {
            CloseGroup();
            if (_block is not { } block)
                return;
            _block = null;
            if (block.Features.Count == 0)
                throw Error(block.Line, $"'Features for {block.Name}:' is followed by no feature lines");
            _interfaces.Add(new EthtoolDumpInterface(block.Name, block.Line, block.Driver, block.Features, block.Notes));
        }

        private DriverInfo? TakeDriver()
        {
            if (_pendingDriver is not { } fields)
                return null;
            _pendingDriver = null;
            string Text(string key) => fields.GetValueOrDefault(key) ?? "";
            uint Yes(string key) => string.Equals(fields.GetValueOrDefault(key), "yes", StringComparison.Ordinal) ? 1u : 0u;
            return new DriverInfo(Text("driver"), Text("version"), Text("firmware-version"), Text("bus-info"),
                Text("expansion-rom-version"), Yes("supports-priv-flags"), Yes("supports-statistics"), Yes("supports-test"),
                Yes("supports-eeprom-access"), Yes("supports-register-dump"));
        }

        private PerfSuiteException Error(int line, string why) =>
            new(ErrorReason.InvalidArgument, string.Create(CultureInfo.InvariantCulture, $"{source} line {line}: {why}"));

        private static string Excerpt(string line)
        {
            var text = line.Trim();
            return text.Length <= 60 ? text : text[..57] + "...";
        }

        private sealed class Block(string name, int line, DriverInfo? driver, List<string> notes)
        {
            public string Name { get; } = name;
            public int Line { get; } = line;
            public DriverInfo? Driver { get; } = driver;
            public List<string> Notes { get; } = notes;
            public List<FeatureState> Features { get; } = [];
            public Dictionary<string, int> Lines { get; } = new(StringComparer.Ordinal);
        }

        private sealed class OpenGroup(EthtoolFeatureGroup group, int line, bool on, string? suffix)
        {
            public EthtoolFeatureGroup Group { get; } = group;
            public int Line { get; } = line;
            public bool On { get; } = on;
            public string? Suffix { get; } = suffix;
            public bool HasMembers { get; set; }
        }
    }
}
