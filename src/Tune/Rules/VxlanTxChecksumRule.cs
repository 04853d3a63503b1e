using PerfSuite.Model.Datapaths;
using PerfSuite.Tune.Changes;
using PerfSuite.Tune.Findings;

namespace PerfSuite.Tune.Rules;

/// <summary>tx-checksum-ip-generic on a VXLAN device: on some kernels and NICs it cuts throughput to a fraction or
/// produces bad outer checksums (the "63-second delay"), on others turning it off costs throughput. Which state is
/// better is decided by measuring both, never by folklore: the finding is a measurement to make.</summary>
public sealed class VxlanTxChecksumRule : ITuneRule
{
    public const string Id = "offload.vxlan-tx-checksum";
    private const string Feature = "tx-checksum-ip-generic";

    public IReadOnlyList<RuleDescription> Describes { get; } =
        [new(Id, "tx-checksum-ip-generic on a VXLAN device: decide by measuring both states", Sources.VxlanChecksumIssues)];

    public IEnumerable<Finding> Evaluate(TuneContext context)
    {
        var kernel = context.Facts.Probe.Kernel;
        var affectedKernel = KernelAtLeast(kernel, 6, 12);
        foreach (var tunnel in context.Topology.Tunnels.Where(t => t.Datapath.Kind == DatapathKind.Vxlan))
        {
            var device = context.Facts.Interface(tunnel.Name)!;
            if (!context.Reports(device.Name) || device.Feature(Feature) is not { Fixed: false } state)
                continue;
            var underlayDriver = context.Facts.Interface(tunnel.UnderlayName)?.Driver?.Driver;
            var evidence = new List<string>();
            if (affectedKernel)
                evidence.Add($"kernel {kernel} is 6.12 or later, where Calico issue 11435 measured 50–300 Mbit/s with it on and 9+ Gbit/s off");
            if (underlayDriver == "vmxnet3")
                evidence.Add("the underlay driver is vmxnet3, the NIC of the 63-second-delay reports");
            var target = !state.Active;
            yield return new Finding(
                $"{Id}@{device.Name}",
                Id,
                FindingSubject.Interface(device.Name),
                $"{Feature} {FeatureLookup.OnOff(state.Active)}",
                $"measure {Feature} on and off",
                $"{device.Name} has {Feature} {FeatureLookup.OnOff(state.Active)}. On some kernels and NICs this flag on a VXLAN device limits throughput severely or corrupts outer checksums; on others turning it off pushes checksumming to the CPU and costs throughput.{(evidence.Count > 0 ? " Here: " + string.Join("; ", evidence) + "." : "")} Only a measurement of both states on this host decides.",
                Sources.VxlanChecksumIssues,
                "unknown until measured: from no change to an order of magnitude either way",
                "Turning it off moves checksumming to the CPU; turning it on can expose a driver's checksum bug. --verify keeps whichever state measures better and rolls back the other.",
                RiskLevel.Medium,
                FindingAction.Measure,
                [new FeatureSetting(device.Name, new Dictionary<string, bool>(StringComparer.Ordinal) { [Feature] = target })],
                "measured, not applied: only tune --apply --verify changes it, and keeps the change only if it measures better");
        }
    }

    internal static bool KernelAtLeast(string release, int major, int minor)
    {
        var parts = release.Split('.', '-');
        return parts.Length >= 2 && int.TryParse(parts[0], out var a) && int.TryParse(parts[1], out var b)
            && (a > major || (a == major && b >= minor));
    }
}
