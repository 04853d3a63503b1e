namespace PerfSuite.Report.Compare;

/// <summary>Picks the interface of an input that a NIC comparison is about, when the argument does not name one:
/// a physical NIC first; in a lab run (veth only), the underlay a tunnel runs over; then any other virtual
/// device; bridges and loopback last. Among equals, one that is up, then one with a bus address, then the
/// input's own order. The column's notes say which was taken and what else there was.</summary>
internal static class InterfaceChooser
{
    private const int MaxListed = 6;

    public static (ComparedInterface? Interface, IReadOnlyList<string> Notes) Choose(CompareInput input)
    {
        var all = input.Interfaces;
        if (input.RequestedInterface is { } requested)
        {
            var match = all.FirstOrDefault(i => i.Name == requested || i.QualifiedName == requested);
            return match is not null
                ? (match, [])
                : (null, [$"no interface '{requested}' in this input ({(all.Count == 0 ? "it has none" : "it has " + List(all.Select(i => i.QualifiedName)))})"]);
        }
        if (all.Count == 0)
        {
            return (null, [input.Kind == CompareInputKind.Results
                ? "the results carry no NIC snapshot (environment.probe is empty)"
                : "the input describes no interface"]);
        }
        if (all.Count == 1)
            return (all[0], []);

        var underlays = all.Where(i => i.Tunnel?.UnderlayDevice is not null)
            .Select(i => (i.Netns, i.Tunnel!.UnderlayDevice!))
            .ToHashSet();
        var ranked = all
            .Select((nic, index) => (Nic: nic, Index: index, Category: Category(nic, underlays)))
            .OrderBy(x => x.Category)
            .ThenBy(x => string.Equals(x.Nic.OperState, "UP", StringComparison.OrdinalIgnoreCase) ? 0 : 1)
            .ThenBy(x => string.IsNullOrEmpty(x.Nic.Driver?.BusInfo) ? 1 : 0)
            .ThenBy(x => x.Index)
            .ToList();
        var chosen = ranked[0];
        var others = all.Where(i => !ReferenceEquals(i, chosen.Nic)).Select(i => i.QualifiedName);
        return (chosen.Nic, [$"compared {chosen.Nic.QualifiedName}, {Why(chosen.Category)}; also in this input: {List(others)} (name one as {input.Path}:IFACE)"]);
    }

    private static int Category(ComparedInterface nic, HashSet<(string?, string)> underlays) => nic.Kind switch
    {
        null => 0,
        _ when underlays.Contains((nic.Netns, nic.Name)) => 1,
        "loopback" => 4,
        "bridge" => 3,
        _ => 2,
    };

    private static string Why(int category) => category switch
    {
        0 => "the physical NIC",
        1 => "the underlay a tunnel runs over",
        2 => "a virtual device (the input has no physical NIC)",
        3 => "a bridge (the input has no NIC or other device)",
        _ => "loopback (the input has nothing else)",
    };

    private static string List(IEnumerable<string> names)
    {
        var list = names.ToList();
        return list.Count <= MaxListed
            ? string.Join(", ", list)
            : $"{string.Join(", ", list.Take(MaxListed))} and {list.Count - MaxListed} more";
    }
}
