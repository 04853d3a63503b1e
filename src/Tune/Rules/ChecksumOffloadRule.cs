using PerfSuite.Model.Datapaths;
using PerfSuite.Tune.Findings;

namespace PerfSuite.Tune.Rules;

/// <summary>Transmit or receive checksum offload off on an interface the rules look at
/// (<see cref="TuneContext.InterfaceDevices"/>): the CPU checksums every byte, and TSO cannot be on without TX
/// checksumming. A VXLAN device's TX checksum is left to <see cref="VxlanTxChecksumRule"/>, which decides it by
/// measurement.</summary>
public sealed class ChecksumOffloadRule : ITuneRule
{
    public const string Id = "offload.checksum-off";

    private static readonly string[] TxFeatures = ["tx-checksum-ip-generic", "tx-checksum-ipv4", "tx-checksum-ipv6"];
    private const string RxFeature = "rx-checksum";

    public IReadOnlyList<RuleDescription> Describes { get; } =
        [new(Id, "transmit or receive checksum offload off", Sources.KernelNetdevFeatures)];

    public IEnumerable<Finding> Evaluate(TuneContext context)
    {
        foreach (var device in context.InterfaceDevices)
        {
            if (!context.Reports(device.Name))
                continue;
            var vxlan = context.Topology.Tunnels.Any(t => t.Name == device.Name && t.Datapath.Kind == DatapathKind.Vxlan);
            var off = vxlan ? [] : TxFeatures.Where(device.IsChangeableAndOff).ToList();
            if (device.IsChangeableAndOff(RxFeature))
                off.Add(RxFeature);
            if (off.Count == 0)
                continue;
            yield return FeaturesOffFinding.Create(Id, device, off,
                $"{FeaturesOffFinding.Are(off)} off on {device.Name} ({context.RoleOf(device)}): the CPU computes the checksum of every byte sent or received{(off.Any(f => f.StartsWith("tx-", StringComparison.Ordinal)) ? ", and without TX checksum offload the kernel keeps TSO off" : "")}.",
                Sources.KernelNetdevFeatures,
                "checksums move to the device (or are skipped where the kernel knows the data is intact, as on a veth): less CPU per Gbit, and TSO can be on",
                "A device with broken checksum offload corrupts packets silently; verify the path after the change.",
                RiskLevel.Low);
        }
    }
}
