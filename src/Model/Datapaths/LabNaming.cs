using System.Text;
using PerfSuite.Model.Errors;

namespace PerfSuite.Model.Datapaths;

/// <summary>
/// Every name a lab gives: namespaces <c>ps-LAB-PATH-nN</c> (nodes) and <c>ps-LAB-PATH-nNpK</c> (pods), and the
/// interface names that must be unique on the whole host because something outside the namespaces is named
/// after them (a WireGuard UAPI socket <c>/var/run/wireguard/NAME.sock</c>): <c>ps-LAB-CODE</c>. Lab names are
/// lowercase letters and digits only, so the prefix <c>ps-LAB-</c> of one lab can never match another's.
/// </summary>
public static class LabNaming
{
    public const string DefaultLabName = "lab";
    /// <summary>IFNAMSIZ is 16 including the terminating NUL.</summary>
    public const int MaxInterfaceNameBytes = 15;
    public const string UnderlayDevice = "eth0";
    public const string PodDevice = "eth0";
    public const string Bridge = "cni0";

    /// <summary>The longest host-unique interface suffix a datapath may ask for (<see cref="HostUniqueInterface"/>).</summary>
    public const int MaxInterfaceSuffixLength = 3;

    public static string Prefix(string lab) => $"ps-{lab}-";

    /// <summary>A short code per datapath, for namespace names (the full names would make them long): the
    /// datapath's own <see cref="Datapath.Code"/>.</summary>
    public static string PathCode(Datapath path) => path.Code;

    public static string NodeNamespace(string lab, Datapath path, int node) => $"{Prefix(lab)}{PathCode(path)}-n{node}";

    public static string PodNamespace(string lab, Datapath path, int node, int pod) => $"{NodeNamespace(lab, path, node)}p{pod}";

    /// <summary>The node-side veth of pod <paramref name="pod"/> on its node.</summary>
    public static string PodHostVeth(int pod) => $"veth{pod}";

    /// <summary>An interface name unique on the whole host, e.g. <c>ps-lab-w1</c> for WireGuard on node 1.</summary>
    public static string HostUniqueInterface(string lab, string suffix)
    {
        if (suffix.Length is 0 or > MaxInterfaceSuffixLength)
            throw new ArgumentOutOfRangeException(nameof(suffix), suffix, $"1 to {MaxInterfaceSuffixLength} characters");
        return $"{Prefix(lab)}{suffix}";
    }

    /// <summary>Refuses a lab name that is not plain or that would make an interface name of 16 bytes or more.</summary>
    public static void Validate(string lab)
    {
        if (lab.Length == 0 || lab.Any(c => !(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c))))
            throw new PerfSuiteException(ErrorReason.InvalidArgument,
                $"lab name '{lab}' must be lowercase letters and digits only");
        var longest = $"{Prefix(lab)}{new string('x', MaxInterfaceSuffixLength)}";
        var bytes = Encoding.UTF8.GetByteCount(longest);
        if (bytes > MaxInterfaceNameBytes)
            throw new PerfSuiteException(ErrorReason.InvalidArgument,
                $"lab name '{lab}' is too long: its interfaces would be named like '{longest}', {bytes} bytes, and the kernel allows {MaxInterfaceNameBytes} (use at most {MaxInterfaceNameBytes - Prefix("").Length - MaxInterfaceSuffixLength} characters)");
    }

    /// <summary>The inverse of <see cref="NodeNamespace"/>: the lab, datapath and node number of a node namespace
    /// <c>ps-LAB-CODE-nN</c>, or false for any other name (a pod namespace ends in <c>pK</c>).</summary>
    public static bool TryParseNodeNamespace(string netns, out string lab, out Datapath path, out int node)
    {
        lab = "";
        path = Datapath.Native;
        node = 0;
        var parts = netns.Split('-');
        if (parts.Length != 4 || parts[0] != "ps" || parts[1].Length == 0 || parts[3].Length < 2 || parts[3][0] != 'n'
            || !int.TryParse(parts[3].AsSpan(1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out node))
            return false;
        var code = parts[2];
        var match = Datapath.OfCode(code);
        if (match is null)
            return false;
        lab = parts[1];
        path = match;
        return true;
    }
}
